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
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Dags page and a run's task grid in a real browser: the sweep Dag with its schedule and latest
 * run, the pause toggle doing what the API says, and the run's grid with the mapped task expanded
 * into its trials, each with tries, duration and links to MLflow and the compare page, and the Dag
 * version the run was created under.
 *
 * <pre>
 *   prepare_dataset [success]
 *   train           [0 success, try 1, 42 s] [1 failed, try 2] [2 running]
 *   pick_best       [—]
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DagsPageBrowserTest {
  private static final String DAG = "emoji_dcgan_sweep";

  @Inject DataSource dataSource;

  @TestHTTPResource("/")
  URL app;

  private final String runId = "test_grid_" + UUID.randomUUID();

  @BeforeAll
  void aRunWithThreeTrials() throws Exception {
    sql(
        "insert into dag_run (dag_id, run_id, state, logical_date, start_date, workflow_id,"
            + " dag_version_id) values (?, ?, 'running', now(), now(), 'wf-grid-test',"
            + " (select id from dag_version where dag_id = ? order by version_number desc limit 1))",
        DAG,
        runId,
        DAG);
    instance("prepare_dataset", -1, "success", 1, 3, null);
    instance("train", 0, "success", 1, 42, "mlflow-run-0");
    instance("train", 1, "failed", 2, 7, "mlflow-run-1");
    instance("train", 2, "running", 1, null, "mlflow-run-2");
  }

  @AfterAll
  void cleanUp() throws Exception {
    sql("delete from dag_run where run_id = ?", runId);
    sql("update dag set is_paused = false where dag_id = ?", DAG);
  }

  @Test
  void dagsPage_togglesPause_andOpensARunsTaskGrid() throws Exception {
    try (Browser browser = new Browser()) {
      browser.driver.get(
          "http://admin:admin@" + app.getHost() + ":" + app.getPort() + "/ui/dags.html");
      By sweepRow = By.cssSelector("#dags tr[data-dag='" + DAG + "']");
      browser.waiting().until(ExpectedConditions.presenceOfElementLocated(sweepRow));
      WebElement row = browser.driver.findElement(sweepRow);
      assertTrue(
          row.findElement(By.cssSelector(".schedule"))
              .getText()
              .contains("Never, external triggers only"),
          row.getText());
      assertTrue(
          browser
              .driver
              .findElement(By.cssSelector("#dags tr[data-dag='emoji_dcgan_retrain'] .schedule"))
              .getText()
              .contains("atelier://datasets/emoji-noto"),
          "the retraining Dag shows the dataset it waits for");

      // Off, then on again: the API agrees each time.
      toggle(browser, sweepRow, true);
      toggle(browser, sweepRow, false);
      Path dags = Path.of("target", "screenshots", "dags.png");
      Files.createDirectories(dags.getParent());
      Files.write(dags, browser.driver.getScreenshotAs(OutputType.BYTES));

      browser
          .driver
          .findElement(
              By.cssSelector("#dags tr[data-dag='" + DAG + "'] a[data-run='" + runId + "']"))
          .click();
      By trainRow = By.cssSelector("#grid tr.task[data-task='train'] .cell");
      browser
          .waiting()
          .withMessage(
              () -> "the train row's three trials: " + browser.driver.getPageSource().length())
          .until(d -> d.findElements(trainRow).size() == 3);

      List<WebElement> trials = browser.driver.findElements(trainRow);
      assertTrue(trials.get(0).getText().contains("success"), trials.get(0).getText());
      assertTrue(trials.get(0).getText().contains("42 s"), "duration: " + trials.get(0).getText());
      assertTrue(trials.get(1).getText().contains("failed"), trials.get(1).getText());
      assertTrue(trials.get(1).getText().contains("try 2"), "tries: " + trials.get(1).getText());
      assertTrue(trials.get(2).getText().contains("running"), trials.get(2).getText());
      assertTrue(
          trials
              .get(1)
              .findElement(By.cssSelector("a.mlflow"))
              .getAttribute("href")
              .endsWith("/#/runs/mlflow-run-1"),
          "each trial links to its MLflow run");
      assertTrue(
          trials
              .get(1)
              .findElement(By.cssSelector("a.compare"))
              .getAttribute("href")
              .endsWith("compare.html?dag=" + DAG + "&run=" + runId),
          "and to the compare page");
      assertEquals(
          1,
          browser
              .driver
              .findElements(By.cssSelector("#grid tr.task[data-task='pick_best'] .cell"))
              .size(),
          "a task not reached yet shows one empty cell");

      // The Dag version the run was created under: its number and the digest's first characters.
      String version =
          text(
              "select version_number || ' · ' || left(digest, 12) from dag_version"
                  + " where dag_id = ? order by version_number desc limit 1",
              DAG);
      assertEquals(
          "Dag version " + version, browser.driver.findElement(By.id("dag-version")).getText());

      Path shot = Path.of("target", "screenshots", "run-grid.png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, browser.driver.getScreenshotAs(OutputType.BYTES));
    }
  }

  /** Clicks the Dag's on/off switch and waits until the page and the API say {@code paused}. */
  private static void toggle(Browser browser, By row, boolean paused) {
    browser.driver.findElement(row).findElement(By.cssSelector("input.pause-toggle")).click();
    browser
        .waiting()
        // The list re-renders on each refresh: a row found a moment ago may be gone.
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d ->
                d.findElement(row)
                    .findElement(By.cssSelector(".paused-label"))
                    .getText()
                    .equals(paused ? "paused" : "on"));
    Api.asAdmin()
        .get("/api/v1/dags/" + DAG)
        .then()
        .body("is_paused", org.hamcrest.Matchers.equalTo(paused));
  }

  private void instance(
      String taskId, int mapIndex, String state, int tries, Integer seconds, String mlflowRunId)
      throws Exception {
    sql(
        "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number,"
            + " operator, start_date, end_date, mlflow_run_id)"
            + " values (?, ?, ?, ?, ?, ?, 'TrainOperator', now() - interval '1 hour',"
            + " now() - interval '1 hour' + make_interval(secs => ?), ?)",
        DAG,
        runId,
        taskId,
        mapIndex,
        state,
        tries,
        seconds,
        mlflowRunId);
  }

  private String text(String query, Object... args) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(query)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
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
