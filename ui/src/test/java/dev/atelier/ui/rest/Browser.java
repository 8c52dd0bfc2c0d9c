package dev.atelier.ui.rest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromedriver, which {@code ./atelier test}
 * installs. Paths are fixed so Selenium never tries to download a browser or a driver; the flags
 * keep Chromium off the network this machine does not have. Public for the end-to-end tests in
 * {@code e2e}, which open the pages on what a real sweep produced.
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  public final ChromeDriver driver;

  public Browser() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          CHROMIUM + " or " + CHROMEDRIVER + " is missing: ./atelier test installs them");
    }
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + Files.createTempDirectory("atelier-chromium"));
    // The console (uncaught errors, failed loads) stays readable: see severeLogs().
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new SigningInDriver(service, options);
  }

  /**
   * Opens {@code http://user:password@host/...} the way a person would: the pages now sign in
   * through the sign-in form (a browser only sends URL credentials after a basic-auth challenge,
   * which pages no longer send), so the credentials in such a URL are typed into the form once per
   * user and origin, and the page is then opened without them.
   */
  static final class SigningInDriver extends ChromeDriver {
    private final java.util.Set<String> signedIn = new java.util.HashSet<>();

    SigningInDriver(ChromeDriverService service, ChromeOptions options) {
      super(service, options);
    }

    @Override
    public void get(String url) {
      java.net.URI uri = java.net.URI.create(url);
      String userInfo = uri.getRawUserInfo();
      if (userInfo == null) {
        super.get(url);
        return;
      }
      String origin = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
      String plain = url.replace(userInfo + "@", "");
      if (signedIn.add(userInfo + "@" + origin)) {
        String[] parts = userInfo.split(":", 2);
        signIn(origin, parts[0], parts.length > 1 ? parts[1] : "");
      }
      super.get(plain);
    }

    /** Fills in and submits the sign-in form, and waits until it has left the sign-in page. */
    void signIn(String origin, String user, String password) {
      super.get(origin + "/ui/login.html");
      findElement(org.openqa.selenium.By.id("username")).sendKeys(user);
      findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
      findElement(org.openqa.selenium.By.id("sign-in")).click();
      new WebDriverWait(this, Duration.ofSeconds(20))
          .until(d -> !d.getCurrentUrl().contains("/ui/login.html"));
    }
  }

  public WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /**
   * What the page logged at SEVERE since the last call: uncaught errors and failed loads (but not
   * the favicon the browser asks for on its own; the app has none).
   */
  public java.util.List<String> severeLogs() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(e -> e.getMessage())
        .filter(m -> !m.contains("/favicon.ico"))
        .toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
