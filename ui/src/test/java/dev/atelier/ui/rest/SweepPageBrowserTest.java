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
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The sweep page in a real browser on a searching sweep that ended (MLflow alone: its workflow is
 * not running), and the same pruned trials on the task grid and the compare page.
 *
 * <pre>
 *   #0 lr 2e-4 z 64   ████████████████ 400  complete   fd 3.2  ← best
 *   #1 lr 1e-3 z 128  ████████████████ 400  complete   fd 3.9
 *   #2 lr 5e-3 z 32   ████████ 200          pruned (rung)
 *   #3 lr 3e-5 z 64   ████ 100              pruned (mode_collapse)
 *   #4 lr 1e-2 z 32   ██ 50                 failed (DIVERGED), no objective
 *                 rungs: 50 100 200
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepPageBrowserTest {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final String RUNG_DETAIL =
      "fd_rgb8 11.5 at step 200 is not in the top 1/2 of rung 200 (cut-off 6.0)";

  @Inject DataSource dataSource;

  @TestHTTPResource("/")
  URL app;

  private final MlflowFixture mlflow = new MlflowFixture();
  private final String dagRunId = MlflowFixture.uniqueRunId("test_sweep_page");
  private RunFixtures db;
  private List<String> runs;

  @BeforeAll
  void anEndedSearchingSweep() throws Exception {
    db = new RunFixtures(dataSource);
    db.sql(
        "insert into dag_run (dag_id, run_id, state, logical_date, start_date, end_date,"
            + " workflow_id) values (?, ?, 'success', now(), now(), now(), ?)",
        DAG,
        dagRunId,
        "dagrun:" + DAG + ":" + dagRunId);
    List<SweepFixture.Trial> trials =
        List.of(
            new SweepFixture.Trial(
                "0.0002", "64", "SUCCEEDED", null, null, 400, 9.0, 6.0, 4.0, 3.2),
            new SweepFixture.Trial(
                "0.001", "128", "SUCCEEDED", null, null, 400, 8.0, 5.5, 4.5, 3.9),
            new SweepFixture.Trial("0.005", "32", "PRUNED", "rung", RUNG_DETAIL, 200, 12.0, 11.5),
            new SweepFixture.Trial(
                "0.00003",
                "64",
                "PRUNED",
                "mode_collapse",
                "diversity_rgb8 0.02 below 0.3 of the real data's for 3 evaluations",
                100,
                14.0),
            new SweepFixture.Trial("0.01", "32", "DIVERGED", null, null, 50));
    runs = new SweepFixture(mlflow).sweep(DAG, dagRunId, "train", trials);
    new SweepFixture(mlflow).best(runs.get(0), 0, 3.2, runs.get(1));
    for (int i = 0; i < trials.size(); i++) {
      SweepFixture.Trial t = trials.get(i);
      // The sweep's workflow writes "pruned: <detail>"; "pruned (<reason>): <detail>" names the
      // reason too. The grid reads both.
      String note =
          t.stopReason() != null
              ? (i == 2 ? "pruned: " : "pruned (" + t.stopReason() + "): ") + t.stopDetail()
              : t.status().equals("DIVERGED") ? "DIVERGED: loss_d is NaN at step 50" : null;
      db.sql(
          "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number,"
              + " operator, start_date, end_date, mlflow_run_id, note) values (?, ?, 'train', ?,"
              + " ?, 1, 'TrainOperator', now() - interval '2 minutes', now(), ?, ?)",
          DAG,
          dagRunId,
          i,
          t.status().equals("DIVERGED") ? "failed" : "success",
          runs.get(i + 1),
          note);
    }
  }

  @AfterAll
  void cleanUp() {
    db.sql("delete from dag_run where run_id = ?", dagRunId);
  }

  @Test
  void sweepPage_showsTrialsRungsBestSoFarAndTopGrids() throws Exception {
    try (Browser browser = new Browser()) {
      browser.driver.get(page("sweep.html", "&task=train"));
      browser
          .waiting()
          .withMessage(() -> "the top grids load: " + text(browser, "top") + text(browser, "error"))
          .until(
              d -> {
                List<WebElement> imgs = d.findElements(By.cssSelector("#top img"));
                return imgs.size() == 2
                    && imgs.stream()
                        .allMatch(
                            img ->
                                Boolean.TRUE.equals(
                                    browser.driver.executeScript(
                                        "return arguments[0].complete"
                                            + " && arguments[0].naturalWidth > 0",
                                        img)));
              });

      assertEquals("complete 2", legend(browser, "complete"));
      assertEquals("pruned 2", legend(browser, "pruned"));
      assertEquals("failed 1", legend(browser, "failed"));
      // Four trials have an objective, on two hyperparameters; the failed one has none.
      assertEquals(8, count(browser, "#scatters circle.pt"), "one point per trial and param");
      assertEquals(4, count(browser, "#scatters circle.pt.pruned"));
      assertEquals(2, count(browser, "#scatters .scatter"), "one scatter per hyperparameter");
      assertTrue(text(browser, "scatters").contains("lr (log)"), "lr is on a log axis");
      assertEquals(5, count(browser, "#parcoords polyline.line"), "one polyline per trial");

      WebElement rung =
          browser.driver.findElement(By.cssSelector("#ladder .ladder-group[data-reason=rung]"));
      assertTrue(rung.getText().contains("#2"), rung.getText());
      assertTrue(rung.getText().contains("step 200"), rung.getText());
      assertTrue(rung.getText().contains(RUNG_DETAIL), rung.getText());
      assertTrue(
          browser
              .driver
              .findElement(By.cssSelector("#ladder .ladder-group[data-reason=mode_collapse]"))
              .getText()
              .contains("#3"));
      assertEquals(3, count(browser, "#ladder .scale .rung"), "rungs at 50, 100, 200");

      assertTrue(
          text(browser, "best").contains("best 3.200 (trial #0) after"), text(browser, "best"));
      assertTrue(text(browser, "top-title").contains("at step 400"), text(browser, "top-title"));
      List<String> shown =
          browser.driver.findElements(By.cssSelector("#top img")).stream()
              .map(i -> i.getAttribute("src"))
              .toList();
      assertTrue(shown.stream().allMatch(s -> s.endsWith("samples/step_0000400.png")), "" + shown);
      assertTrue(text(browser, "summary").contains("#0: 3.200"), text(browser, "summary"));
      assertTrue(
          text(browser, "live-note").contains("not running"), "says why it shows MLflow alone");
      assertTrue(
          !browser.driver.findElement(By.id("stop-sweep")).isEnabled(),
          "an ended sweep cannot be stopped");
      assertTrue(browser.driver.findElement(By.id("error")).getText().isEmpty());
      // The whole page, not just the first screenful.
      browser.driver.manage().window().setSize(new Dimension(1400, 2600));
      shoot(browser, "sweep.png");
      assertEquals(List.of(), browser.severeLogs(), "no errors in the page's console");

      browser.driver.get(page("run.html", ""));
      browser.waiting().until(d -> d.findElements(By.cssSelector(".cell.pruned")).size() == 2);
      WebElement cell =
          browser.driver.findElement(By.cssSelector(".cell.pruned[data-map-index='2']"));
      WebElement pill = cell.findElement(By.cssSelector(".state.pruned"));
      assertEquals("pruned", pill.getText());
      assertTrue(pill.getAttribute("title").contains(RUNG_DETAIL), pill.getAttribute("title"));
      assertTrue(
          browser
              .driver
              .findElement(By.cssSelector("a.sweep-link"))
              .getAttribute("href")
              .contains("sweep.html?dag=" + DAG));
      assertEquals(
          "pruned: mode_collapse",
          browser
              .driver
              .findElement(By.cssSelector(".cell.pruned[data-map-index='3'] .state.pruned"))
              .getText());
      shoot(browser, "run-grid-pruned.png");

      browser.driver.get(page("compare.html", ""));
      browser
          .waiting()
          .until(d -> d.findElements(By.cssSelector("#grids .trial .pruned-reason")).size() == 2);
      String label =
          browser
              .driver
              // By its run (runs.get(0) is the sweep's parent): the page pins a champion first.
              .findElement(By.cssSelector("#grids .trial[data-run-id='" + runs.get(3) + "']"))
              .findElement(By.cssSelector(".pruned-reason"))
              .getText();
      assertEquals("pruned (rung) at step 200: " + RUNG_DETAIL, label);
      assertTrue(
          browser
              .driver
              .findElement(By.id("sweep-link"))
              .getAttribute("href")
              .contains("task=train"));
      shoot(browser, "compare-pruned.png");
      // The champion banner's 404 is how it learns there is no champion yet.
      assertEquals(
          List.of(),
          browser.severeLogs().stream().filter(m -> !m.contains("/champion ")).toList(),
          "no errors in the page's console");
    }
  }

  private String page(String name, String extra) {
    return "http://admin:admin@"
        + app.getHost()
        + ":"
        + app.getPort()
        + "/ui/"
        + name
        + "?dag="
        + DAG
        + "&run="
        + dagRunId
        + extra;
  }

  private static String legend(Browser browser, String state) {
    return browser
        .driver
        .findElement(By.cssSelector("#legend [data-state=" + state + "]"))
        .getText()
        .strip();
  }

  private static int count(Browser browser, String css) {
    return browser.driver.findElements(By.cssSelector(css)).size();
  }

  private static String text(Browser browser, String id) {
    return browser.driver.findElement(By.id(id)).getText();
  }

  private static void shoot(Browser browser, String name) throws Exception {
    Path shot = Path.of("target", "screenshots", name);
    Files.createDirectories(shot.getParent());
    Files.write(shot, browser.driver.getScreenshotAs(OutputType.BYTES));
  }
}
