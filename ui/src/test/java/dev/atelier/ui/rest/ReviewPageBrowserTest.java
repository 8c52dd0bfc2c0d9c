package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.worker.ReviewActivitiesImpl;
import dev.atelier.workflows.activities.ReviewOpening;
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
import java.util.Map;
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
 * The review page in Chromium over real MLflow runs: the candidates side by side with their grids,
 * a vote counted on its card, Approve on a candidate moves the champion to it, Reject closes the
 * review with its reason.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewPageBrowserTest {
  private static final String DAG = "emoji_dcgan_sweep";

  @Inject DataSource dataSource;
  @Inject ReviewActivitiesImpl activities;

  @TestHTTPResource("/")
  URL app;

  private final MlflowFixture mlflow = new MlflowFixture();
  private final String dagRunId = MlflowFixture.uniqueRunId("test_review_page");
  private String better;
  private String worse;

  @BeforeAll
  void twoFinishedTrials() throws Exception {
    better = mlflow.trialRun(DAG, dagRunId, 0, 50, 100, 200);
    worse = mlflow.trialRun(DAG, dagRunId, 1, 50, 100, 200);
    // Lineage as a trial's run records it when it opens.
    mlflow.client.setTag(better, "atelier.dataset_name", "emoji");
    mlflow.client.setTag(better, "atelier.dataset_version", "3");
    mlflow.client.setTag(better, "atelier.dataset_digest", "1a2b3c4d" + "e".repeat(56));
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into dag_run (dag_id, run_id, state, logical_date, start_date,"
                    + " workflow_id) values ('"
                    + DAG
                    + "', ?, 'running', now(), now(), 'wf-review-page-test')")) {
      ps.setString(1, dagRunId);
      ps.executeUpdate();
    }
  }

  @AfterAll
  void cleanUp() throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("delete from dag_run where run_id = ?")) {
      ps.setString(1, dagRunId);
      ps.executeUpdate();
    }
  }

  private long open(String taskId) {
    return activities.openReview(
        new ReviewOpening(
            DAG,
            dagRunId,
            taskId,
            1,
            "Promote this sweep's best trial?",
            "Approve one at the step you looked at.",
            List.of("Approve", "Reject"),
            List.of("Reject"),
            List.of(),
            List.of("lead"),
            false,
            List.of(outcome(0, better, 0.4), outcome(1, worse, 0.9)),
            Map.of("metric", "fd_rgb8", "mode", "min"),
            4,
            null));
  }

  private static Map<String, Object> outcome(int index, String runId, double fd) {
    return Map.of(
        "mapIndex",
        index,
        "mlflowRunId",
        runId,
        "status",
        "SUCCEEDED",
        "exitCode",
        0,
        "metrics",
        Map.of("fd_rgb8", fd),
        "lastStep",
        200);
  }

  private String page(long id) {
    return "http://admin:admin@" + app.getHost() + ":" + app.getPort() + "/ui/review.html?id=" + id;
  }

  private static WebElement card(Browser b, String runId) {
    return b.driver.findElement(By.cssSelector(".review-card[data-run='" + runId + "']"));
  }

  @Test
  void votingThenApprovingMovesTheChampionToTheCandidate() throws Exception {
    long id = open("review_page_approve");
    try (Browser b = new Browser()) {
      b.driver.get(page(id));
      b.waiting()
          .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".review-card img")));
      assertEquals(
          "Promote this sweep's best trial?", b.driver.findElement(By.id("subject")).getText());
      assertEquals("step 200", b.driver.findElement(By.id("step-value")).getText());
      assertTrue(card(b, better).getText().contains("#1 (pick_best)"), card(b, better).getText());
      assertTrue(
          card(b, better).getText().contains("trained on emoji v3 (1a2b3c4d)"),
          card(b, better).getText());
      assertTrue(
          !card(b, worse).getText().contains("trained on"), "a run without lineage says nothing");

      card(b, better).findElement(By.cssSelector(".vote-up")).click();
      b.waiting()
          .until(
              d ->
                  card(b, better)
                      .findElement(By.cssSelector(".vote-up"))
                      .getText()
                      .contains("for (1)"));
      shoot(b, "review-pending.png");

      b.driver.findElement(By.id("reason")).sendKeys("cleanest faces at step 200");
      card(b, better).findElement(By.cssSelector(".approve")).click();
      b.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("answer")));
      String answer = b.driver.findElement(By.id("answer")).getText();
      assertTrue(answer.startsWith("Approved by admin"), answer);
      assertTrue(answer.contains("at step 200"), answer);
      shoot(b, "review-approved.png");
    }
    Api.asAdmin()
        .get("/api/atelier/models/dcgan/champion")
        .then()
        .statusCode(200)
        .body("mlflow_run_id", org.hamcrest.Matchers.equalTo(better))
        .body("audit.step", org.hamcrest.Matchers.equalTo(200));
  }

  @Test
  void rejectingClosesTheReviewWithItsReason() throws Exception {
    long id = open("review_page_reject");
    try (Browser b = new Browser()) {
      b.driver.get(page(id));
      b.waiting().until(ExpectedConditions.elementToBeClickable(By.id("reject")));
      b.driver.findElement(By.id("reject")).click();
      assertEquals(
          "Write a reason first: it goes into the audit log.",
          b.driver.findElement(By.id("decide-msg")).getText());
      b.driver.findElement(By.id("reason")).sendKeys("none beats the champion");
      b.driver.findElement(By.id("reject")).click();
      b.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("answer")));
      String answer = b.driver.findElement(By.id("answer")).getText();
      assertTrue(answer.startsWith("Rejected by admin"), answer);
      assertTrue(answer.contains("none beats the champion"), answer);
      assertTrue(
          b.driver.findElements(By.cssSelector(".approve")).isEmpty(), "no Approve once decided");
    }
  }

  private static void shoot(Browser browser, String name) throws Exception {
    Path shot = Path.of("target", "screenshots", name);
    Files.createDirectories(shot.getParent());
    Files.write(shot, browser.driver.getScreenshotAs(OutputType.BYTES));
  }
}
