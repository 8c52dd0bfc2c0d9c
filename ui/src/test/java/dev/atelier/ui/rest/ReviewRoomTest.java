package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.worker.ReviewActivitiesImpl;
import dev.atelier.workflows.activities.ReviewOpening;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The review room's API over real MLflow runs and PostgreSQL: a review opened as a ReviewOperator's
 * try opens it (candidates ranked by pick_best's metric), members vote (once per candidate,
 * changeable) and comment, a member cannot decide, bad approvals name the field, an approval moves
 * the champion to the reviewed candidate, and a decided review answers 409.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewRoomTest {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final String MEMBER = "review_member";

  @Inject DataSource dataSource;
  @Inject ReviewActivitiesImpl activities;

  private final MlflowFixture mlflow = new MlflowFixture();
  private final String dagRunId = MlflowFixture.uniqueRunId("test_review_room");
  private String better;
  private String worse;

  @BeforeAll
  void twoFinishedTrials() throws Exception {
    better = mlflow.trialRun(DAG, dagRunId, 0, 50, 100, 200);
    worse = mlflow.trialRun(DAG, dagRunId, 1, 50, 100, 200);
    sql(
        "insert into dag_run (dag_id, run_id, state, logical_date, start_date, workflow_id)"
            + " values ('"
            + DAG
            + "', ?, 'running', now(), now(), 'wf-review-test')",
        dagRunId);
    sql(
        "insert into users (username, password_hash, role) select ?, password_hash, 'member'"
            + " from users where username = 'admin' on conflict (username) do nothing",
        MEMBER);
  }

  @AfterAll
  void cleanUp() throws Exception {
    sql("delete from dag_run where run_id = ?", dagRunId);
  }

  private long open(String taskId) {
    return activities.openReview(
        new ReviewOpening(
            DAG,
            dagRunId,
            taskId,
            1,
            "Promote this sweep's best trial?",
            "test",
            List.of("Approve", "Reject"),
            List.of("Reject"),
            List.of(),
            List.of("lead"),
            false,
            List.of(outcome(1, worse, 0.9), outcome(0, better, 0.4)),
            Map.of("metric", "fd_rgb8", "mode", "min"),
            4,
            null));
  }

  /** A trial outcome as Temporal hands the sweep's XCom over: the record's own field names. */
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

  private static RequestSpecification asMember() {
    return given().auth().preemptive().basic(MEMBER, "admin").contentType(ContentType.JSON);
  }

  @Test
  void aReviewListsItsCandidatesBestFirstWithTheirGridSteps() {
    long id = open("review_detail");
    Api.asAdmin()
        .queryParam("dag_id", DAG)
        .queryParam("run_id", dagRunId)
        .queryParam("state", "pending")
        .get("/api/atelier/reviews")
        .then()
        .statusCode(200)
        .body("id", hasItem((int) id));
    var detail =
        Api.asAdmin().get("/api/atelier/reviews/" + id).then().statusCode(200).extract().jsonPath();
    // The champion (if any, pinned first) is whatever an earlier promotion left; rank 1 is ours.
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(better), detail.getList("cards.findAll { it.rank == 1 }.mlflow_run_id"));
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(worse), detail.getList("review.candidates.findAll { it.rank == 2 }.mlflow_run_id"));
    Api.asAdmin()
        .get("/api/atelier/reviews/" + id)
        .then()
        .body("common_steps", contains(100, 200))
        .body("step", equalTo(200))
        .body("review.metric", equalTo("fd_rgb8"));
  }

  @Test
  void aMemberVotesOncePerCandidateAndMayChangeItButCannotDecide() {
    long id = open("review_votes");
    asMember()
        .body(Map.of("candidate", better, "value", "up"))
        .post("/api/atelier/reviews/" + id + "/votes")
        .then()
        .statusCode(200);
    asMember()
        .body(Map.of("candidate", better, "value", "down"))
        .post("/api/atelier/reviews/" + id + "/votes")
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].value", equalTo(-1));
    asMember()
        .body(Map.of("candidate", "nope", "value", "up"))
        .post("/api/atelier/reviews/" + id + "/votes")
        .then()
        .statusCode(404)
        .body("detail", containsString("candidate: 'nope' is not a candidate of review " + id));
    asMember()
        .body(Map.of("candidate", better, "value", "maybe"))
        .post("/api/atelier/reviews/" + id + "/votes")
        .then()
        .statusCode(400)
        .body("detail", containsString("value: 'maybe' must be \"up\" or \"down\""));
    asMember()
        .body(Map.of("body", "the rank 1 faces have eyes"))
        .post("/api/atelier/reviews/" + id + "/comments")
        .then()
        .statusCode(201)
        .body("author", equalTo(MEMBER));
    asMember()
        .body(Map.of("candidate", better, "step", 200, "reason", "mine"))
        .post("/api/atelier/reviews/" + id + "/approve")
        .then()
        .statusCode(403)
        .body("detail", containsString("needs role lead"));
    org.junit.jupiter.api.Assertions.assertEquals(
        2L,
        count(
            "select count(*) from audit_log where action = 'vote' and actor = ? and target like"
                + " '%/review/"
                + id
                + "'",
            MEMBER),
        "each vote is audited");
  }

  private long count(String query, String arg) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(query)) {
      ps.setString(1, arg);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void approvingPromotesTheCandidateAtTheStepAndClosesTheReview() {
    long id = open("review_approve");
    Api.asAdmin()
        .body(Map.of("candidate", better, "step", 150, "reason", "sharp"))
        .post("/api/atelier/reviews/" + id + "/approve")
        .then()
        .statusCode(400)
        .body("detail", containsString("step: 150 has no grid for candidate '" + better + "'"));
    Api.asAdmin()
        .body(Map.of("candidate", better, "step", 200))
        .post("/api/atelier/reviews/" + id + "/approve")
        .then()
        .statusCode(400)
        .body("detail", containsString("reason"));
    Api.asAdmin()
        .body(Map.of("candidate", better, "step", 200, "reason", "sharpest faces at 200"))
        .post("/api/atelier/reviews/" + id + "/approve")
        .then()
        .statusCode(200)
        .body("state", equalTo("approved"))
        .body("responded_by", equalTo("admin"))
        .body("chosen_step", equalTo(200));
    Api.asAdmin()
        .get("/api/atelier/models/dcgan/champion")
        .then()
        .statusCode(200)
        .body("mlflow_run_id", equalTo(better));
    Api.asAdmin()
        .body(Map.of("reason", "changed my mind"))
        .post("/api/atelier/reviews/" + id + "/reject")
        .then()
        .statusCode(409)
        .body("detail", containsString("review " + id + " was approved by admin"));
  }

  @Test
  void rejectingClosesTheReviewWithTheReason() {
    long id = open("review_reject");
    Api.asAdmin()
        .body(Map.of("reason", "none beats the champion"))
        .post("/api/atelier/reviews/" + id + "/reject")
        .then()
        .statusCode(200)
        .body("state", equalTo("rejected"))
        .body("reason", equalTo("none beats the champion"));
    Api.asAdmin()
        .queryParam("state", "later")
        .get("/api/atelier/reviews")
        .then()
        .statusCode(400)
        .body("detail", containsString("state: 'later' is not one of"));
  }

  private void sql(String statement, String arg) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      ps.setString(1, arg);
      ps.executeUpdate();
    }
  }
}
