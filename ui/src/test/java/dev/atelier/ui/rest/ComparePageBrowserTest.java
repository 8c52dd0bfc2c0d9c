package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The compare page in a real browser, the way a lead uses it: one Dag run's trials with the
 * champion (a trial of another run) pinned first, one step control for all grids, a trial of the
 * other run added from the picker, one zoom for every grid, swipe, flicker and difference between
 * two trials, a tile followed across trials and steps, and the note that the other run's probe seed
 * makes its grids unlike. Promote… is for leads: a member sees it disabled, saying why; a lead's
 * click opens the promotion dialog.
 *
 * <pre>
 *   [🏆 run2 #0] [run1 #0] [run1 #1] [run1 #2] (+ run2 #1 from the picker)   ◀ step ▶  zoom ±
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparePageBrowserTest {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final String EXPERIMENT = "atelier/" + DAG;
  private static final int TRIALS = 3;

  @Inject DataSource dataSource;

  @TestHTTPResource("/")
  URL app;

  private final MlflowFixture mlflow = new MlflowFixture();
  private final String firstRun = MlflowFixture.uniqueRunId("test_compare_a");
  private final String otherRun = MlflowFixture.uniqueRunId("test_compare_b");
  private final List<String> firstRunTrials = new ArrayList<>();
  private String championRun;
  private String pickedRun;
  private RoleUsers users;

  @BeforeAll
  void trialsOfTwoRunsAndAChampion() throws Exception {
    users = new RoleUsers(dataSource, "compare");
    sql(
        "insert into dag_run (dag_id, run_id, state, logical_date, start_date, workflow_id)"
            + " values (?, ?, 'success', now(), now(), 'wf-compare-test')",
        DAG,
        firstRun);
    // A dataset of its own gives these trials a registered model of their own (RegisteredModels:
    // dcgan_<dataset>), so other tests' champions stay out of this page.
    String dataset = "/data/compare-" + firstRun.substring(firstRun.length() - 8);
    Map<String, String> probe =
        Map.of("probe_seed", "1234", "probe_count", "64", "dataset_path", dataset);
    for (int i = 0; i < TRIALS; i++) {
      String runId = mlflow.trialRun(EXPERIMENT, probe, DAG, firstRun, i, 300, 100, 200, 300);
      mlflow.qualityOutputs(runId, false, 100, 200, 300);
      firstRunTrials.add(runId);
      sql(
          "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number,"
              + " operator, mlflow_run_id) values (?, ?, 'train', ?, 'success', 1,"
              + " 'TrainOperator', ?)",
          DAG,
          firstRun,
          i,
          runId);
    }
    Map<String, String> otherProbe =
        Map.of("probe_seed", "7", "probe_count", "64", "dataset_path", dataset);
    championRun = mlflow.trialRun(EXPERIMENT, otherProbe, DAG, otherRun, 0, 300, 100, 200, 300);
    pickedRun = mlflow.trialRun(EXPERIMENT, otherProbe, DAG, otherRun, 1, 300, 100, 200, 300);
    makeChampion(
        dev.atelier.ui.service.RegisteredModels.forTrial(
            "dcgan32", dataset.substring(dataset.lastIndexOf('/') + 1)),
        championRun);
  }

  @AfterAll
  void cleanUp() throws Exception {
    sql("delete from dag_run where run_id = ?", firstRun);
    users.close();
  }

  @Test
  void promote_disabledForAMember_withTheRoleItNeeds_enabledForALead() throws Exception {
    try (Browser browser = new Browser()) {
      for (String role : List.of("member", "lead")) {
        browser.driver.get(
            "http://"
                + users.name(role)
                + ":"
                + RoleUsers.PASSWORD
                + "@"
                + app.getHost()
                + ":"
                + app.getPort()
                + "/ui/compare.html?dag="
                + DAG
                + "&run="
                + firstRun);
        awaitCards(browser, TRIALS + 1);
        for (WebElement card : cards(browser)) {
          WebElement promote = card.findElement(By.cssSelector("button.promote"));
          String title = promote.getAttribute("title");
          if (role.equals("member")) {
            assertFalse(promote.isEnabled(), "a member cannot click Promote…");
            assertEquals(
                "needs role lead; you (" + users.name("member") + ") are member",
                title,
                "the button says which role it needs");
          } else {
            assertTrue(promote.isEnabled(), "a lead can promote a finished trial: " + title);
            assertFalse(title.startsWith("needs role"), title);
          }
        }
      }
      // The lead's click opens the dialog with what it would register; Cancel promotes nothing.
      click(browser, cards(browser).get(1).findElement(By.cssSelector("button.promote")));
      browser
          .waiting()
          .until(
              d ->
                  d
                      .findElements(By.cssSelector("dialog.promote-dialog[open] .promote-model"))
                      .stream()
                      .anyMatch(m -> m.getText().startsWith("dcgan_compare-")));
      click(browser, browser.driver.findElement(By.xpath("//dialog//button[text()='Cancel']")));
      browser
          .waiting()
          .until(d -> d.findElements(By.cssSelector("dialog.promote-dialog")).isEmpty());
    }
  }

  @Test
  void championPinned_trialsAcrossRuns_swipeFlickerDifference_zoomSync() throws Exception {
    try (Browser browser = new Browser()) {
      browser.driver.get(base() + "/ui/compare.html?dag=" + DAG + "&run=" + firstRun);
      awaitCards(browser, TRIALS + 1);
      awaitAllGridsAt(browser, 300);

      List<WebElement> cards = cards(browser);
      assertEquals(championRun, cards.get(0).getAttribute("data-run-id"), "champion first");
      assertTrue(
          cards.get(0).getText().contains("champion"),
          "the champion says so in words: " + cards.get(0).getText());
      String note = browser.driver.findElement(By.id("mismatch")).getText();
      assertTrue(
          note.contains("Not like for like") && note.contains("probe seed"),
          "the other run's probe seed is named: " + note);

      // One key press on the slider is one step.
      browser.driver.findElement(By.id("step")).sendKeys(Keys.ARROW_LEFT);
      awaitAllGridsAt(browser, 200);
      browser.driver.findElement(By.id("last")).click();
      awaitAllGridsAt(browser, 300);

      // A trial of the other run, chosen in the picker; the URL keeps it.
      browser.driver.findElement(By.cssSelector("#picker summary")).click();
      WebElement filter = browser.driver.findElement(By.id("filter"));
      filter.sendKeys("run=" + otherRun + " index=1");
      browser
          .waiting()
          .until(d -> d.findElements(By.cssSelector("#picker-table tbody tr")).size() == 1);
      browser.driver.findElement(By.cssSelector("#picker-table tbody input.pick")).click();
      awaitCards(browser, TRIALS + 2);
      awaitAllGridsAt(browser, 300);
      assertEquals(pickedRun, cards(browser).get(TRIALS + 1).getAttribute("data-run-id"));
      browser
          .waiting()
          .until(
              d -> d.getCurrentUrl().contains("trials=") && d.getCurrentUrl().contains(pickedRun));
      browser.driver.findElement(By.cssSelector("#picker summary")).click();

      // One zoom for every grid.
      browser.driver.findElement(By.id("zoom-in")).click();
      browser.driver.findElement(By.id("zoom-in")).click();
      List<String> transforms =
          browser.driver.findElements(By.cssSelector("#grids .zoomer")).stream()
              .map(z -> z.getAttribute("style"))
              .toList();
      assertTrue(transforms.get(0).contains("scale(2.25)"), transforms.get(0));
      assertEquals(1, transforms.stream().distinct().count(), "every grid zoomed alike");
      Path shotDir = Path.of("target", "screenshots");
      Files.createDirectories(shotDir);
      Files.write(shotDir.resolve("compare-zoomed.png"), shot(browser));
      browser.driver.findElement(By.id("zoom-reset")).click();

      // A tile: that probe latent across every trial and across one trial's steps.
      WebElement frame = cards(browser).get(1).findElement(By.cssSelector(".frame"));
      new Actions(browser.driver).moveToElement(frame, -80, -80).click().perform();
      browser.waiting().until(d -> d.findElement(By.id("tile")).isDisplayed());
      assertEquals(
          TRIALS + 2,
          browser.driver.findElements(By.cssSelector("#tile-trials .tile")).size(),
          "the tile in every trial");
      assertEquals(
          3,
          browser.driver.findElements(By.cssSelector("#tile-steps .tile")).size(),
          "and at each of the trial's 3 steps");
      assertTrue(
          browser.driver.findElement(By.id("tile-title")).getText().contains("row 2, column 2"),
          browser.driver.findElement(By.id("tile-title")).getText());

      // A = the champion, B = the first run's #0.
      click(browser, cards(browser).get(1).findElement(By.cssSelector("button.as-b")));
      click(browser, browser.driver.findElement(By.cssSelector("button.mode[data-mode=swipe]")));
      WebElement pair = browser.driver.findElement(By.id("pair"));
      assertTrue(pair.isDisplayed());
      assertEquals(2, pair.findElements(By.cssSelector("#pair-frame img")).size());
      js(
          browser,
          "const s = document.getElementById('swipe'); s.value = 30;"
              + " s.dispatchEvent(new Event('input'));");
      assertTrue(
          pair.findElement(By.cssSelector("img.b"))
              .getAttribute("style")
              .contains("inset(0px 0px 0px 30%)"),
          pair.findElement(By.cssSelector("img.b")).getAttribute("style"));
      Files.write(shotDir.resolve("compare-swipe.png"), shot(browser));

      click(browser, browser.driver.findElement(By.cssSelector("button.mode[data-mode=flicker]")));
      assertTrue(browser.driver.findElement(By.id("pair-label")).getText().contains("showing A"));
      click(browser, browser.driver.findElement(By.id("flip")));
      assertTrue(browser.driver.findElement(By.id("pair-label")).getText().contains("showing B"));
      assertFalse(
          pair.findElement(By.cssSelector("img.b")).getAttribute("hidden") != null,
          "B is the one shown");

      click(browser, browser.driver.findElement(By.cssSelector("button.mode[data-mode=diff]")));
      browser
          .waiting()
          .until(
              d -> d.findElement(By.cssSelector("canvas.diff")).getAttribute("data-mean") != null);
      double mean =
          Double.parseDouble(
              browser.driver.findElement(By.cssSelector("canvas.diff")).getAttribute("data-mean"));
      assertTrue(mean > 1, "two different trials' grids differ: mean |A-B| " + mean);
      Files.write(shotDir.resolve("compare-difference.png"), shot(browser));

      click(browser, browser.driver.findElement(By.cssSelector("button.mode[data-mode=grid]")));
      browser.waiting().until(d -> d.findElements(By.cssSelector("#curves .uplot")).size() >= 2);
      Files.write(shotDir.resolve("compare.png"), shot(browser));
    }
  }

  private String base() {
    // Credentials in the URL sign the browser in, as a lead's saved bookmark would.
    return "http://admin:admin@" + app.getHost() + ":" + app.getPort();
  }

  private static byte[] shot(Browser browser) {
    return browser.driver.getScreenshotAs(OutputType.BYTES);
  }

  /** A click the sticky step bar cannot intercept (the page scrolls under it). */
  private static void click(Browser browser, WebElement e) {
    ((JavascriptExecutor) browser.driver)
        .executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", e);
  }

  private static Object js(Browser browser, String script) {
    return ((JavascriptExecutor) browser.driver).executeScript(script);
  }

  private static List<WebElement> cards(Browser browser) {
    return browser.driver.findElements(By.cssSelector("#grids .trial"));
  }

  private static void awaitCards(Browser browser, int n) {
    browser
        .waiting()
        .withMessage(
            () -> n + " cards; error: " + browser.driver.findElement(By.id("error")).getText())
        .until(d -> cards(browser).size() == n);
  }

  /** Every card shows its grid thumbnail of {@code step}, decoded by the browser. */
  private static void awaitAllGridsAt(Browser browser, int step) {
    browser
        .waiting()
        .withMessage(
            () ->
                "every trial's grid at step "
                    + step
                    + "; cards "
                    + cards(browser).size()
                    + ", images "
                    + browser.driver.executeScript(
                        "return [...document.querySelectorAll('#grids .trial .zoomer img')]"
                            + ".map(i => i.getAttribute('src') + ' ' + i.naturalWidth)")
                    + ", error: "
                    + browser.driver.findElement(By.id("error")).getText())
        .until(
            d -> {
              List<WebElement> imgs = d.findElements(By.cssSelector("#grids .trial .zoomer img"));
              return imgs.size() == cards(browser).size()
                  && imgs.stream()
                      .allMatch(
                          img ->
                              img.getAttribute("src").contains("/grids/" + step + "?")
                                  && Boolean.TRUE.equals(js2(browser, img)));
            });
  }

  private static Object js2(Browser browser, WebElement img) {
    return ((JavascriptExecutor) browser.driver)
        .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", img);
  }

  /** Registers a version of {@code model} from {@code runId} and points {@code champion} at it. */
  private void makeChampion(String model, String runId) throws Exception {
    post("registered-models/create", "{\"name\":\"" + model + "\"}");
    String created =
        post(
            "model-versions/create",
            "{\"name\":\""
                + model
                + "\",\"source\":\"runs:/"
                + runId
                + "/checkpoints/final\","
                + "\"run_id\":\""
                + runId
                + "\"}");
    Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"(\\d+)\"").matcher(created);
    assertTrue(m.find(), created);
    post(
        "registered-models/alias",
        "{\"name\":\"" + model + "\",\"alias\":\"champion\",\"version\":\"" + m.group(1) + "\"}");
  }

  private String post(String path, String json) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(mlflow.trackingUri + "/api/2.0/mlflow/" + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body();
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
