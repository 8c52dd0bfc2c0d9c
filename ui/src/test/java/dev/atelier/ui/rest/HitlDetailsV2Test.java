package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.worker.ReviewActivitiesImpl;
import dev.atelier.workflows.activities.ReviewOpening;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Airflow 3's human-in-the-loop endpoints over the review room, with real MLflow runs and
 * PostgreSQL: a ReviewOperator's pending review lists and reads as a HITL detail (subject, Approve
 * and Reject, the candidates as params); answering "Approve" through PATCH is the review room's
 * approval (the review approved in Atelier's own API, the audit row naming the lead, the candidate
 * champion); "Reject" likewise; a viewer or member gets 403 as the review room refuses them, a lead
 * not assigned gets 403, a second answer 409, and a bad option or param 422 naming field, value and
 * rule with nothing stored.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HitlDetailsV2Test {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final String SUBJECT = "Promote this sweep's best trial?";

  @Inject DataSource dataSource;
  @Inject ReviewActivitiesImpl activities;

  private final MlflowFixture mlflow = new MlflowFixture();
  private final String dagRunId = MlflowFixture.uniqueRunId("test_hitl");
  private RunFixtures db;
  private RoleUsers users;
  private String better;
  private String worse;

  @BeforeAll
  void twoFinishedTrials() throws Exception {
    db = new RunFixtures(dataSource);
    users = new RoleUsers(dataSource, "hitl");
    better = mlflow.trialRun(DAG, dagRunId, 0, 50, 100, 200);
    worse = mlflow.trialRun(DAG, dagRunId, 1, 50, 100, 200);
    db.sql(
        "insert into dag_run (dag_id, run_id, state, logical_date, start_date, workflow_id)"
            + " values (?, ?, 'running', now(), now(), 'wf-hitl-test')",
        DAG,
        dagRunId);
  }

  @AfterAll
  void cleanUp() {
    db.sql("delete from review where run_id = ?", dagRunId);
    db.sql("delete from dag_run where run_id = ?", dagRunId);
    users.close();
  }

  /** A review task waiting for its answer, as its try leaves it: deferred, its review pending. */
  private long open(String taskId, List<String> assignedUsers) {
    db.sql(
        "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number,"
            + " operator, start_date) values (?, ?, ?, -1, 'deferred', 1, 'ReviewOperator', now())",
        DAG,
        dagRunId,
        taskId);
    return activities.openReview(
        new ReviewOpening(
            DAG,
            dagRunId,
            taskId,
            1,
            SUBJECT,
            "Two trials of the sweep",
            List.of("Approve", "Reject"),
            List.of("Reject"),
            assignedUsers,
            List.of("lead"),
            false,
            List.of(outcome(1, worse, 0.9), outcome(0, better, 0.4)),
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

  private String hitl(String taskId) {
    return "/api/v2/dags/"
        + DAG
        + "/dagRuns/"
        + dagRunId
        + "/taskInstances/"
        + taskId
        + "/-1"
        + "/hitlDetails";
  }

  private static Map<String, Object> answer(String option, Map<String, Object> input) {
    return Map.of("chosen_options", List.of(option), "params_input", input);
  }

  private long audits(String action, long reviewId) {
    return Long.parseLong(
        db.string(
            "select count(*) from audit_log where action = ? and target like ?",
            action,
            "%/review/" + reviewId));
  }

  @Test
  void aPendingReview_listsAndReadsAsAHitlDetail() {
    open("hitl_show", List.of());
    Api.asAdmin()
        .get("/api/v2/dags/" + DAG + "/dagRuns/" + dagRunId + "/hitlDetails")
        .then()
        .statusCode(200)
        .body("hitl_details.task_instance.task_id", hasItem("hitl_show"))
        .body("total_entries", equalTo(reviewTasks()));
    Api.asAdmin()
        .queryParam("task_id", "hitl_show")
        .queryParam("response_received", "false")
        .queryParam("subject_search", "BEST TRIAL")
        .get("/api/v2/dags/~/dagRuns/~/hitlDetails")
        .then()
        .statusCode(200)
        .body("total_entries", equalTo(1))
        .body("hitl_details[0].subject", equalTo(SUBJECT))
        .body("hitl_details[0].task_instance.dag_run_id", equalTo(dagRunId))
        .body("hitl_details[0].task_instance.state", equalTo("deferred"));
    users
        .as("viewer")
        .get(hitl("hitl_show"))
        .then()
        .statusCode(200)
        .body("subject", equalTo(SUBJECT))
        .body("body", equalTo("Two trials of the sweep"))
        .body("options", contains("Approve", "Reject"))
        .body("defaults", contains("Reject"))
        .body("multiple", equalTo(false))
        .body("params.candidate.value", equalTo(better))
        .body("params.candidate.schema.enum", contains(better, worse))
        .body("params.reason.schema.minLength", equalTo(1))
        .body("response_received", equalTo(false))
        .body("chosen_options", nullValue())
        .body("responded_by_user", nullValue())
        .body("task_instance.map_index", equalTo(-1))
        .body("task_instance.operator", equalTo("ReviewOperator"));
    Api.asAdmin()
        .get(hitl("hitl_show") + "/tries/1")
        .then()
        .statusCode(200)
        .body("task_instance.try_number", equalTo(1))
        .body("subject", equalTo(SUBJECT));
    Api.asAdmin()
        .get(hitl("hitl_show").replace("/-1/", "/0/"))
        .then()
        .statusCode(404)
        .body("detail", containsString("a review task is not mapped"));
    Api.asAdmin()
        .get(hitl("no_review"))
        .then()
        .statusCode(404)
        .body("detail", containsString("task_id: `no_review`"));
    Api.asAdmin()
        .queryParam("state", "waiting")
        .queryParam("order_by", "colour")
        .get("/api/v2/dags/~/dagRuns/~/hitlDetails")
        .then()
        .statusCode(422)
        .body("detail.loc", contains(List.of("query", "order_by"), List.of("query", "state")))
        .body("detail[1].input", equalTo("waiting"));
  }

  /** The run's review tasks: the list shows each one's latest try. */
  private int reviewTasks() {
    return Integer.parseInt(
        db.string(
            "select count(distinct task_id) from review where dag_id = ? and run_id = ?",
            DAG,
            dagRunId));
  }

  @Test
  void approvingThroughHitl_isApprovingInTheReviewRoom() {
    long id = open("hitl_approve", List.of());
    String lead = users.name("lead");
    for (String role : List.of("viewer", "member")) {
      users
          .as(role)
          .body(answer("Approve", Map.of("reason", "mine")))
          .patch(hitl("hitl_approve"))
          .then()
          .statusCode(403)
          .body("detail", containsString("this needs role lead"));
    }
    users
        .as("lead")
        .body(answer("Approve", Map.of("reason", "sharpest faces at 200")))
        .patch(hitl("hitl_approve"))
        .then()
        .statusCode(200)
        .body("responded_by.name", equalTo(lead))
        .body("responded_at", not(nullValue()))
        .body("chosen_options", contains("Approve"))
        .body("params_input.candidate", equalTo(better))
        .body("params_input.step", equalTo(200))
        .body("params_input.reason", equalTo("sharpest faces at 200"));
    // Atelier's own review API and audit see the same approval.
    Api.asAdmin()
        .get("/api/atelier/reviews/" + id)
        .then()
        .statusCode(200)
        .body("review.state", equalTo("approved"))
        .body("review.responded_by", equalTo(lead))
        .body("review.chosen_candidate", equalTo(better))
        .body("review.chosen_step", equalTo(200));
    assertEquals(1, audits("approve", id), "the approval is audited as the review room's");
    assertEquals(
        lead,
        db.string(
            "select actor from audit_log where action = 'approve' and target like ?",
            "%/review/" + id));
    Api.asAdmin()
        .get("/api/atelier/models/dcgan/champion")
        .then()
        .statusCode(200)
        .body("mlflow_run_id", equalTo(better));
    Api.asAdmin()
        .get(hitl("hitl_approve"))
        .then()
        .statusCode(200)
        .body("response_received", equalTo(true))
        .body("responded_by_user.id", equalTo(lead))
        .body("chosen_options", contains("Approve"))
        .body("params_input.step", equalTo(200));
    Api.asAdmin()
        .body(answer("Reject", Map.of("reason", "changed my mind")))
        .patch(hitl("hitl_approve"))
        .then()
        .statusCode(409)
        .body("detail", containsString("already been updated"))
        .body("detail", containsString("was approved by " + lead));
  }

  @Test
  void rejectingThroughHitl_closesTheReviewWithTheReason() {
    long id = open("hitl_reject", List.of());
    Api.asAdmin()
        .body(answer("Reject", Map.of("reason", "none beats the champion")))
        .patch(hitl("hitl_reject"))
        .then()
        .statusCode(200)
        .body("chosen_options", contains("Reject"))
        .body("params_input", equalTo(Map.of("reason", "none beats the champion")));
    Api.asAdmin()
        .get("/api/atelier/reviews/" + id)
        .then()
        .body("review.state", equalTo("rejected"))
        .body("review.reason", equalTo("none beats the champion"));
    assertEquals(1, audits("reject", id));
    Api.asAdmin()
        .body(answer("Reject", Map.of("reason", "again")))
        .patch(hitl("hitl_reject"))
        .then()
        .statusCode(409);
  }

  @Test
  void aLeadNotAssigned_is403() {
    long id = open("hitl_assigned", List.of("someone_else"));
    users
        .as("lead")
        .body(answer("Reject", Map.of("reason", "not mine to decide")))
        .patch(hitl("hitl_assigned"))
        .then()
        .statusCode(403)
        .body("detail", containsString("is not assigned to review " + id));
    Api.asAdmin()
        .get(hitl("hitl_assigned"))
        .then()
        .body("assigned_users[0].name", equalTo("someone_else"))
        .body("response_received", equalTo(false));
  }

  @Test
  void badAnswers_are422NamingFieldValueAndRule_andStoreNothing() {
    long id = open("hitl_bad", List.of());
    String path = hitl("hitl_bad");
    RequestSpecification admin = Api.asAdmin();
    admin
        .body(answer("Maybe", Map.of("reason", "x")))
        .patch(path)
        .then()
        .statusCode(422)
        .body("detail[0].loc", contains("body", "chosen_options", 0))
        .body("detail[0].input", equalTo("Maybe"))
        .body(
            "detail[0].msg",
            equalTo("chosen_options.0: 'Maybe' is not one of the options [Approve, Reject]"));
    Api.asAdmin()
        .body(Map.of("chosen_options", List.of("Approve", "Reject")))
        .patch(path)
        .then()
        .statusCode(422)
        .body("detail[0].msg", containsString("multiple is false, choose one"));
    Api.asAdmin()
        .body(Map.of("chosen_options", List.of()))
        .patch(path)
        .then()
        .statusCode(422)
        .body("detail[0].msg", equalTo("chosen_options: [] must hold at least 1 option"));
    Api.asAdmin()
        .body(Map.of("params_input", Map.of("reason", "x")))
        .patch(path)
        .then()
        .statusCode(422)
        .body("detail[0].loc", contains("body", "chosen_options"))
        .body("detail[0].type", equalTo("missing"));
    Api.asAdmin()
        .body(answer("Approve", Map.of()))
        .patch(path)
        .then()
        .statusCode(422)
        .body("detail[0].loc", contains("body", "params_input", "reason"))
        .body("detail[0].msg", containsString("say why"));
    Api.asAdmin()
        .body(answer("Approve", Map.of("reason", "x", "candidate", "nope", "colour", "red")))
        .patch(path)
        .then()
        .statusCode(422)
        .body("detail", hasSize(2))
        .body(
            "detail.msg",
            hasItem(
                "params_input.candidate: 'nope' is not a candidate of review "
                    + id
                    + "; the candidates are ["
                    + better
                    + ", "
                    + worse
                    + "]"))
        .body("detail.loc", hasItem(List.of("body", "params_input", "colour")));
    Api.asAdmin()
        .body(answer("Approve", Map.of("reason", "x", "candidate", worse, "step", 150)))
        .patch(path)
        .then()
        .statusCode(422)
        .body("detail[0].loc", contains("body", "params_input", "step"))
        .body(
            "detail[0].msg",
            equalTo(
                "params_input.step: 150 has no grid for candidate '"
                    + worse
                    + "' (its steps: [100, 200]); approve the step you reviewed"));
    Api.asAdmin()
        .body(answer("Reject", Map.of("reason", "x", "candidate", worse)))
        .patch(path)
        .then()
        .statusCode(422)
        .body("detail[0].msg", containsString("is for Approve only"));
    Api.asAdmin()
        .contentType("application/json")
        .body("[1]")
        .patch(path)
        .then()
        .statusCode(422)
        .body("detail[0].type", equalTo("model_attributes_type"));
    Api.asAdmin().get(path).then().body("response_received", equalTo(false));
    Api.asAdmin().get("/api/atelier/reviews/" + id).then().body("review.state", equalTo("pending"));
    assertEquals(0, audits("approve", id) + audits("reject", id), "nothing was decided");
  }
}
