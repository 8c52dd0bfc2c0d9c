package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The compare page in a real browser, the way a lead uses it: three trials' grids at one step, one
 * control moving all of them, every image actually served through the signed-in session.
 *
 * <pre>
 *   trial #0  [grid@300]   trial #1  [grid@300]   trial #2  [grid@300]    ◀ → all @200
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparePageBrowserTest {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final int TRIALS = 3;

  /** The trial whose quality metrics say its samples collapsed. */
  private static final int COLLAPSED = 2;

  @Inject DataSource dataSource;

  @TestHTTPResource("/")
  URL app;

  private final MlflowFixture mlflow = new MlflowFixture();
  private final String dagRunId = MlflowFixture.uniqueRunId("test_browser");

  @BeforeAll
  void threeFinishedTrials() throws Exception {
    sql(
        "insert into dag_run (dag_id, run_id, state, logical_date, start_date, workflow_id)"
            + " values (?, ?, 'success', now(), now(), 'wf-browser-test')",
        DAG,
        dagRunId);
    for (int i = 0; i < TRIALS; i++) {
      String runId = mlflow.trialRun(DAG, dagRunId, i, 300, 100, 200, 300);
      mlflow.qualityOutputs(runId, i == COLLAPSED, 100, 200, 300);
      sql(
          "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number,"
              + " operator, mlflow_run_id) values (?, ?, 'train', ?, 'success', 1,"
              + " 'TrainOperator', ?)",
          DAG,
          dagRunId,
          i,
          runId);
    }
  }

  @AfterAll
  void cleanUp() throws Exception {
    sql("delete from dag_run where run_id = ?", dagRunId);
  }

  @Test
  void oneStepControl_movesEveryTrialsGrid() throws Exception {
    try (Browser browser = new Browser()) {
      // Credentials in the URL sign the browser in, as a lead's saved bookmark would.
      String page =
          "http://admin:admin@"
              + app.getHost()
              + ":"
              + app.getPort()
              + "/ui/compare.html?dag="
              + DAG
              + "&run="
              + dagRunId;
      browser.driver.get(page);

      awaitAllGridsAt(browser, 300);
      assertTrue(
          browser.driver.findElement(By.id("now")).getText().startsWith("step 300"),
          "the step label names the shown step");

      browser.driver.findElement(By.id("prev")).click();
      awaitAllGridsAt(browser, 200);

      browser.driver.findElement(By.id("step")).sendKeys(Keys.ARROW_LEFT);
      awaitAllGridsAt(browser, 100);

      browser.driver.findElement(By.id("last")).click();
      awaitAllGridsAt(browser, 300);

      List<WebElement> cards = browser.driver.findElements(By.cssSelector("#grids .trial"));
      for (WebElement card : cards) {
        assertTrue(card.getText().contains("fd_rgb8"), "quality metrics shown: " + card.getText());
        String novelty = card.findElement(By.cssSelector("a.novelty")).getAttribute("href");
        assertTrue(novelty.endsWith("/artifacts/novelty/step_0000300.png"), novelty);
        assertEquals(
            200L,
            httpStatus(browser, novelty),
            "the novelty picture loads as an image: " + novelty);
        String walk = card.findElement(By.cssSelector("a.walk")).getAttribute("href");
        assertEquals(200L, httpStatus(browser, walk), "the latent walk loads as an image: " + walk);
      }
      assertEquals(
          1,
          browser.driver.findElements(By.cssSelector("#grids .trial .collapse-warning")).size(),
          "only the collapsed trial is flagged");
      assertTrue(
          cards.get(COLLAPSED).getText().contains("collapsed"), cards.get(COLLAPSED).getText());

      promoteTrial(browser, 1, "cleanest eyes at step 300");
      String banner = browser.driver.findElement(By.id("champion")).getText();
      assertTrue(banner.contains("by admin"), "the banner names who promoted: " + banner);
      assertTrue(banner.contains("cleanest eyes at step 300"), "and why: " + banner);
      assertTrue(
          browser
              .driver
              .findElements(By.cssSelector("#grids .trial"))
              .get(1)
              .getAttribute("class")
              .contains("is-champion"),
          "the promoted trial's card is marked champion");

      Path shot = Path.of("target", "screenshots", "compare.png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, browser.driver.getScreenshotAs(OutputType.BYTES));
    }
  }

  /**
   * Whether the page's own session can load {@code url} as an image: 200 if it decodes, -1 if not
   * (a fetch cannot be used: the page's URL carries the credentials, which fetch refuses).
   */
  private static long httpStatus(Browser browser, String url) {
    return (Long)
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const img = new Image();"
                    + " img.onload = () => done(200); img.onerror = () => done(-1);"
                    + " img.src = new URL(arguments[0]).pathname;",
                url);
  }

  /**
   * Clicks Promote on a trial; the dialog shows the grid at the step on screen and the registered
   * model, refuses to confirm without a reason, and promotes once one is typed (keyboard only).
   */
  private static void promoteTrial(Browser browser, int mapIndex, String reason) throws Exception {
    browser
        .driver
        .findElements(By.cssSelector("#grids .trial"))
        .get(mapIndex)
        .findElement(By.cssSelector("button.promote"))
        .click();
    WebElement dialog =
        browser
            .waiting()
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("dialog.promote-dialog")));
    browser
        .waiting()
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("dialog.promote-dialog .promote-model")));
    assertEquals("dcgan", dialog.findElement(By.cssSelector(".promote-model")).getText());
    String grid = dialog.findElement(By.cssSelector(".promote-grids img")).getAttribute("src");
    assertTrue(grid.endsWith("/artifacts/samples/step_0000300.png"), "the grid on screen: " + grid);
    WebElement confirm =
        dialog.findElement(By.xpath(".//button[normalize-space()='Confirm promotion']"));
    assertEquals("true", confirm.getAttribute("disabled"), "no reason, no promotion");
    WebElement textarea = browser.driver.switchTo().activeElement();
    assertEquals("promote-reason", textarea.getAttribute("id"), "the reason has the focus");
    textarea.sendKeys(reason);
    Path shot = Path.of("target", "screenshots", "promote-dialog.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, browser.driver.getScreenshotAs(OutputType.BYTES));
    textarea.sendKeys(Keys.TAB, Keys.TAB, Keys.ENTER);
    Alert done = browser.waiting().until(ExpectedConditions.alertIsPresent());
    assertTrue(done.getText().startsWith("Promoted: dcgan version"), done.getText());
    done.accept();
    browser
        .waiting()
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("champion"), reason));
  }

  /** Every trial shows the grid of {@code step}, and the browser decoded each one. */
  private void awaitAllGridsAt(Browser browser, int step) {
    String name = String.format("step_%07d.png", step);
    browser
        .waiting()
        .withMessage(() -> "every trial's grid at step " + step + ": " + describe(browser))
        .until(
            d -> {
              List<WebElement> imgs = d.findElements(By.cssSelector("#grids .trial img"));
              return imgs.size() == TRIALS
                  && imgs.stream()
                      .allMatch(
                          img ->
                              img.getAttribute("src").endsWith(name)
                                  && Boolean.TRUE.equals(
                                      browser.driver.executeScript(
                                          "return arguments[0].complete"
                                              + " && arguments[0].naturalWidth > 0",
                                          img)));
            });
    List<WebElement> imgs = browser.driver.findElements(By.cssSelector("#grids .trial img"));
    assertEquals(TRIALS, imgs.size());
  }

  private static String describe(Browser browser) {
    return browser.driver.findElements(By.cssSelector("#grids .trial")).size()
        + " trial cards, images "
        + browser.driver.findElements(By.cssSelector("#grids .trial img")).stream()
            .map(i -> i.getAttribute("src"))
            .toList()
        + ", error: "
        + browser.driver.findElement(By.id("error")).getText();
  }

  private void sql(String statement, Object... args) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }
}
