package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The datasets page in Chromium over a folder of generated faces with an exact copy, a near copy
 * (one pixel changed), a truncated file and one too small, registered through the API: a viewer
 * sees the source, its first version and the curation groups with their thumbnails; a member adds
 * three faces and presses Scan now, and version 2 shows "added 3" with their thumbnails; a lead's
 * bad registration shows the API's 400 detail.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetsPageBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @Inject DataSource dataSource;

  @TestHTTPResource("/")
  URL app;

  private RoleUsers users;
  private final String name = "tp-" + UUID.randomUUID().toString().substring(0, 8);
  private Path folder;

  @BeforeAll
  void aFolderOfFaces() throws Exception {
    users = new RoleUsers(dataSource, "dspage");
    folder = Files.createTempDirectory("atelier-dspage");
    for (int i = 0; i < 6; i++) {
      face(folder.resolve("cats/c" + i + ".png"), SEEDS[i], 64);
      face(folder.resolve("dogs/d" + i + ".png"), SEEDS[6 + i], 64);
    }
    Files.copy(folder.resolve("cats/c0.png"), folder.resolve("cats/c0-copy.png"));
    BufferedImage near = ImageIO.read(folder.resolve("cats/c1.png").toFile());
    near.setRGB(0, 0, near.getRGB(0, 0) ^ 0x010101);
    ImageIO.write(near, "png", folder.resolve("cats/c1_retouched.png").toFile());
    byte[] whole = Files.readAllBytes(folder.resolve("dogs/d1.png"));
    Files.write(folder.resolve("dogs/broken.png"), Arrays.copyOf(whole, whole.length / 2));
    face(folder.resolve("dogs/tiny.png"), 99, 8);
  }

  @AfterAll
  void cleanUp() {
    users.close();
    new RunFixtures(dataSource).sql("delete from dataset_source where name like 'tp-%'");
  }

  /**
   * Seeds whose faces are at least 10 bits apart in dHash (the near-duplicate rule allows 4): six
   * cats, six dogs, then the three a member adds.
   */
  private static final int[] SEEDS = {0, 1, 2, 3, 6, 8, 10, 11, 13, 14, 15, 16, 17, 32, 37};

  /** A face: a coloured disc with eyes and a mouth on tiles, all from the seed. */
  private static void face(Path file, int seed, int size) throws Exception {
    Files.createDirectories(file.getParent());
    Random r = new Random(seed);
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    float hue = r.nextFloat();
    int tile = Math.max(1, size / 4);
    for (int y = 0; y < size; y += tile) {
      for (int x = 0; x < size; x += tile) {
        g.setColor(
            Color.getHSBColor(hue + r.nextFloat() * 0.2f, 0.35f, 0.35f + 0.65f * r.nextFloat()));
        g.fillRect(x, y, tile, tile);
      }
    }
    g.setColor(Color.getHSBColor(r.nextFloat(), 0.8f, 0.95f));
    int pad = size / 10 + r.nextInt(Math.max(1, size / 10));
    g.fillOval(pad, pad, size - 2 * pad, size - 2 * pad);
    g.setColor(Color.DARK_GRAY);
    int eye = Math.max(1, size / 10);
    int eyeY = size * 3 / 8 + r.nextInt(Math.max(1, size / 16));
    g.fillOval(size * 3 / 8 - eye, eyeY, eye, eye + r.nextInt(3));
    g.fillOval(size * 5 / 8, eyeY, eye, eye + r.nextInt(3));
    g.setStroke(new BasicStroke(Math.max(1, size / 20f)));
    int smile = r.nextInt(120) + 20;
    g.drawArc(size / 3, size / 2, size / 3, size / 5, 180 + (180 - smile) / 2, smile);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  private String page(String role, String path) {
    return "http://"
        + users.name(role)
        + ":"
        + RoleUsers.PASSWORD
        + "@"
        + app.getHost()
        + ":"
        + app.getPort()
        + path;
  }

  private int versionCount() {
    return users
        .as("viewer")
        .get("/api/atelier/datasets/" + name + "/versions")
        .jsonPath()
        .getList("$")
        .size();
  }

  private void awaitVersions(int n) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (versionCount() < n) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no version " + n + " within " + WAIT.toSeconds() + " s");
      }
      Thread.sleep(250);
    }
  }

  private static String text(Browser b, String css) {
    return b.driver.findElement(By.cssSelector(css)).getText();
  }

  /** The group's figures, waiting until each one's picture has loaded (naturalWidth > 0). */
  private static List<WebElement> loadedThumbs(Browser b, String groupId, int expected) {
    String css = "#" + groupId + " figure.thumb img";
    // Thumbnails load lazily, as they come into view; a group wider than the window is asked to
    // load them all (what scrolling through it would do).
    ((JavascriptExecutor) b.driver)
        .executeScript(
            "document.getElementById(arguments[0]).scrollIntoView();"
                + " document.querySelectorAll(arguments[1]).forEach(i => i.loading = 'eager')",
            groupId,
            css);
    b.waiting()
        .ignoring(StaleElementReferenceException.class)
        .withMessage(
            () ->
                groupId
                    + ": "
                    + expected
                    + " loaded thumbnails; "
                    + ((JavascriptExecutor) b.driver)
                        .executeScript(
                            "return [...document.querySelectorAll(arguments[0])].map(i =>"
                                + " i.getAttribute('src') + ' ' + i.complete + ' ' +"
                                + " i.naturalWidth)",
                            css))
        .until(
            d -> {
              List<WebElement> imgs = d.findElements(By.cssSelector(css));
              return imgs.size() == expected
                  && imgs.stream()
                      .allMatch(
                          i ->
                              (Boolean)
                                  ((JavascriptExecutor) d)
                                      .executeScript(
                                          "return arguments[0].complete"
                                              + " && arguments[0].naturalWidth > 0",
                                          i));
            });
    return b.driver.findElements(By.cssSelector(css));
  }

  private static String count(Browser b, String groupId) {
    return b.driver.findElement(By.id(groupId)).getAttribute("data-count");
  }

  @Test
  void viewerSeesVersionsAndCuration_memberScansNewImagesIn_leadSeesRegistrationErrors()
      throws Exception {
    users
        .as("lead")
        .body(Map.of("name", name, "path", folder.toString(), "quiet_seconds", 1))
        .post("/api/atelier/datasets")
        .then()
        .statusCode(201);
    awaitVersions(1);

    try (Browser b = new Browser()) {
      // A viewer comes from the sweeps page's nav.
      b.driver.get(page("viewer", "/ui/"));
      b.waiting()
          .until(
              ExpectedConditions.elementToBeClickable(
                  By.cssSelector("header nav a[href='datasets.html']")))
          .click();
      WebElement row =
          b.waiting()
              .until(
                  ExpectedConditions.visibilityOfElementLocated(
                      By.cssSelector("#sources tr[data-source='" + name + "']")));
      assertTrue(row.findElement(By.cssSelector("td.folder")).getText().equals(folder.toString()));
      assertTrue(
          row.findElement(By.cssSelector("td.latest")).getText().startsWith("v1 "), row.getText());
      assertEquals("16", row.findElement(By.cssSelector("td.files")).getText());
      assertEquals("cats 8, dogs 8", row.findElement(By.cssSelector("td.classes")).getText());
      assertEquals("ok", row.findElement(By.cssSelector("td.health")).getText());

      row.findElement(By.cssSelector("a.source-link")).click();
      b.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("version")));
      assertTrue(
          b.driver.getCurrentUrl().endsWith("datasets.html?source=" + name),
          b.driver.getCurrentUrl());
      assertEquals(1, b.driver.findElements(By.cssSelector("#versions tr[data-version]")).size());
      assertTrue(text(b, "#version-title").startsWith(name + " v1 · 16 files"));
      assertEquals("added 16", text(b, "#added-count"));
      // 15 pictures, and the truncated file by name with its reason (no request for it).
      loadedThumbs(b, "added", 15);
      assertEquals(
          1, b.driver.findElements(By.cssSelector("#added figure.name-only")).size(), "broken");

      // The curation report, group by group, with the files side by side.
      assertEquals("1", count(b, "unreadable"));
      assertEquals(
          "dogs/broken.png",
          text(b, "#unreadable figure.name-only figcaption"),
          "a truncated file has no picture, its name only");
      assertEquals("1", count(b, "too-small"));
      loadedThumbs(b, "too-small", 1);
      assertEquals("1", count(b, "exact-duplicates"));
      List<WebElement> pair = loadedThumbs(b, "exact-duplicates", 2);
      assertEquals(
          List.of("cats/c0-copy.png", "cats/c0.png"),
          pair.stream().map(i -> i.getAttribute("alt")).toList());
      assertEquals("1", count(b, "near-duplicates"));
      List<WebElement> near = loadedThumbs(b, "near-duplicates", 2);
      assertEquals(
          List.of("cats/c1.png", "cats/c1_retouched.png"),
          near.stream().map(i -> i.getAttribute("alt")).toList());
      assertTrue(text(b, "#near-duplicates").contains("0 bits apart"));
      assertTrue(text(b, "#usable").startsWith("usable 13 of 16"), text(b, "#usable"));

      // A viewer may not scan nor register: said on the buttons, refused by the server anyway.
      WebElement scan = b.driver.findElement(By.id("scan"));
      b.waiting().withMessage("Scan now is disabled for a viewer").until(d -> !scan.isEnabled());
      assertTrue(scan.getAttribute("title").startsWith("needs role member"));
      assertTrue(!b.driver.findElement(By.id("reg-submit")).isEnabled());
      assertEquals(List.of(), b.severeLogs(), "console errors");

      // A member adds three faces and scans now.
      for (int i = 0; i < 3; i++) {
        face(folder.resolve("dogs/new" + i + ".png"), SEEDS[12 + i], 64);
      }
      b.driver.get(page("member", "/ui/datasets.html?source=" + name + "&version=1"));
      b.waiting().until(ExpectedConditions.elementToBeClickable(By.id("scan"))).click();
      b.waiting()
          .until(d -> d.getCurrentUrl().endsWith("datasets.html?source=" + name + "&version=2"));
      b.waiting()
          .ignoring(StaleElementReferenceException.class)
          .until(ExpectedConditions.textToBe(By.id("added-count"), "added 3"));
      assertTrue(
          text(b, "#scan-result").matches("recorded version 2|unchanged: version 2 is current"),
          "the watcher may record it first: " + text(b, "#scan-result"));
      List<WebElement> added = loadedThumbs(b, "added", 3);
      assertEquals(
          List.of("dogs/new0.png", "dogs/new1.png", "dogs/new2.png"),
          added.stream().map(i -> i.getAttribute("alt")).toList());
      assertEquals(2, b.driver.findElements(By.cssSelector("#versions tr[data-version]")).size());
      assertEquals(
          "2",
          b.driver
              .findElements(By.cssSelector("#versions tr[data-version]"))
              .get(0)
              .getAttribute("data-version"),
          "newest first");
      loadedThumbs(b, "exact-duplicates", 2);
      assertEquals(List.of(), b.severeLogs(), "console errors");

      // docs/datasets-page.png is a copy of this picture, taken on purpose, not on every run.
      Path shot = Path.of("target", "screenshots", "datasets.png");
      Files.createDirectories(shot.getParent());
      ((JavascriptExecutor) b.driver).executeScript("window.scrollTo(0, 0)");
      Files.write(shot, b.driver.getScreenshotAs(OutputType.BYTES));

      // Back shows version 1 again.
      b.driver.navigate().back();
      b.waiting()
          .ignoring(StaleElementReferenceException.class)
          .until(ExpectedConditions.textToBe(By.id("added-count"), "added 16"));

      // A lead's registration with a bad name: the API's detail on the page.
      b.driver.get(page("lead", "/ui/datasets.html"));
      b.waiting()
          .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#register-box summary")))
          .click();
      b.driver.findElement(By.id("reg-name")).sendKeys("Bad Name");
      b.driver.findElement(By.id("reg-path")).sendKeys(folder.toString());
      b.driver.findElement(By.id("reg-submit")).click();
      WebElement error =
          b.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("register-error")));
      assertTrue(error.getText().contains("400"), error.getText());
      assertTrue(error.getText().contains("name: 'Bad Name' must be"), error.getText());
      assertTrue(
          b.severeLogs().stream().allMatch(m -> m.contains("400")), "only the refused request");
    }
  }

  /** Every page with the shared header links to the datasets page, just before the audit page. */
  @Test
  void everyPage_linksToTheDatasetsPage() {
    for (String p :
        List.of(
            "index.html",
            "dags.html",
            "run.html",
            "sweep.html",
            "compare.html",
            "review.html",
            "audit.html")) {
      users
          .as("viewer")
          .get("/ui/" + p)
          .then()
          .statusCode(200)
          .body(
              org.hamcrest.Matchers.containsString(
                  "<a href=\"datasets.html\">Datasets</a> · <a href=\"audit.html\""));
    }
  }
}
