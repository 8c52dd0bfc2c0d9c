package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The sign-in page as a person meets it: the demo hint, a wrong password, signing in and out. */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class SignInPageBrowserTest {
  @TestHTTPResource("/")
  URL app;

  @Test
  void page_wrongPasswordThenRight_signsInAndOut() throws Exception {
    String origin = "http://localhost:" + app.getPort();
    try (Browser browser = new Browser()) {
      var driver = browser.driver;
      driver.get(origin + "/ui/dags.html");
      browser.waiting().until(d -> d.getCurrentUrl().contains("/ui/login.html"));
      browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("demo")));
      assertEquals("demo: admin/admin", driver.findElement(By.id("demo")).getText());

      driver.findElement(By.id("username")).sendKeys("admin");
      driver.findElement(By.id("password")).sendKeys("not-the-password");
      driver.findElement(By.id("sign-in")).click();
      browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
      Path shots = Path.of("target", "screenshots");
      Files.createDirectories(shots);
      Files.write(shots.resolve("login-error.png"), driver.getScreenshotAs(OutputType.BYTES));

      driver.findElement(By.id("username")).sendKeys("admin");
      driver.findElement(By.id("password")).sendKeys("admin");
      driver.findElement(By.id("sign-in")).click();
      // Back where the visit started, signed in.
      browser.waiting().until(d -> d.getCurrentUrl().endsWith("/ui/dags.html"));
      browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));
      assertTrue(driver.findElement(By.id("signed-in")).getText().startsWith("admin (admin)"));
      Files.write(shots.resolve("signed-in.png"), driver.getScreenshotAs(OutputType.BYTES));

      driver.findElement(By.id("sign-out")).click();
      browser.waiting().until(d -> d.getCurrentUrl().contains("/ui/login.html"));
      driver.get(origin + "/ui/dags.html");
      browser.waiting().until(d -> d.getCurrentUrl().contains("/ui/login.html"));
    }
  }
}
