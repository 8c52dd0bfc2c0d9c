package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.ui.RequiredServices;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Airflow's actions on Dag runs that need no training to check: clear (dry and real), mark a run
 * success / failed / queued, delete, and pause holding what would start. The Dag is paused where a
 * real re-run would otherwise start, so the re-run is observable as "queued, waiting, no workflow".
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class DagRunActionsTest {
  private static final String RUNS = "/api/v1/dags/" + RunFixtures.DAG + "/dagRuns/";
  private static final String CLEAR = "/api/v1/dags/" + RunFixtures.DAG + "/clearTaskInstances";

  @Inject DataSource dataSource;
  @Inject WorkflowClient temporal;

  private RunFixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new RunFixtures(dataSource);
  }

  @AfterEach
  void unpause() {
    fixtures.sql("delete from dag_run where run_id like 'test_fixture_%'");
    fixtures.setPaused(false);
  }

  @Test
  void clear_dryRun_listsFailedInstancesByDefault_andChangesNothing() {
    String run = fixtures.run("failed", "success", "success", "failed", "upstream_failed");

    Api.asAdmin()
        .body(Map.of("dag_run_id", run))
        .post(CLEAR)
        .then()
        .statusCode(200)
        .body("task_instances.task_id", containsInAnyOrder("train", "pick_best"))
        .body("task_instances[0].dag_run_id", equalTo(run))
        .body("task_instances[0].execution_date", org.hamcrest.Matchers.notNullValue());
    Api.asAdmin().get(RUNS + run).then().body("state", equalTo("failed"));
  }

  @Test
  void clear_taskWithDownstream_addsDownstreamTasks() {
    String run = fixtures.run("success", "success", "success", "success", "success");

    Api.asAdmin()
        .body(
            Map.of(
                "dag_run_id",
                run,
                "only_failed",
                false,
                "task_ids",
                List.of("prepare_dataset"),
                "include_downstream",
                true))
        .post(CLEAR)
        .then()
        .statusCode(200)
        .body("task_instances.task_id", contains("prepare_dataset", "train", "train", "pick_best"));
  }

  @Test
  void clear_forReal_onPausedDag_resetsTheInstancesAndRequeuesTheRunWithoutStartingIt() {
    String run = fixtures.run("failed", "success", "success", "failed", "upstream_failed");
    pause(true);

    Api.asAdmin()
        .body(Map.of("dry_run", false, "dag_run_id", run))
        .post(CLEAR)
        .then()
        .statusCode(200)
        .body("task_instances.task_id", containsInAnyOrder("train", "pick_best"));

    Api.asAdmin()
        .get(RUNS + run + "/taskInstances/train/1")
        .then()
        .statusCode(200)
        .body("state", nullValue())
        .body("start_date", nullValue())
        .body("note", nullValue());
    Api.asAdmin()
        .get(RUNS + run + "/taskInstances/train/0")
        .then()
        .body("state", equalTo("success"));
    Api.asAdmin()
        .get(RUNS + run)
        .then()
        .body("state", equalTo("queued"))
        .body("end_date", nullValue());
    assertEquals("true", fixtures.string(awaiting(), run), "waits for the unpause");
    assertNoWorkflow(run);
  }

  @Test
  void markQueued_finishedRun_onPausedDag_waitsForTheUnpause_andDeleteRemovesIt() {
    String run = fixtures.run("success", "success", "success", "success", "success");
    pause(true);

    Api.asAdmin()
        .body(Map.of("state", "queued"))
        .patch(RUNS + run)
        .then()
        .statusCode(200)
        .body("state", equalTo("queued"));
    assertEquals("true", fixtures.string(awaiting(), run));

    Api.asAdmin().delete(RUNS + run).then().statusCode(204);
    Api.asAdmin().get(RUNS + run).then().statusCode(404);
    assertNull(fixtures.string("select run_id from task_instance where run_id = ?", run));
    assertNoWorkflow(run);
  }

  @Test
  void markSuccess_setsEveryInstanceSuccess() {
    String run = fixtures.run("failed", "success", "failed", "upstream_failed", "skipped");

    Api.asAdmin()
        .body(Map.of("state", "success"))
        .patch(RUNS + run)
        .then()
        .statusCode(200)
        .body("state", equalTo("success"))
        .body("end_date", org.hamcrest.Matchers.notNullValue());
    Api.asAdmin()
        .get(RUNS + run + "/taskInstances")
        .then()
        .body("task_instances.state", contains("success", "success", "success", "success"));
  }

  @Test
  void markFailed_failsWhatRuns_skipsWhatWaits_keepsWhatFinished() {
    String run = fixtures.run("running", "success", "running", "scheduled", "scheduled");

    Api.asAdmin()
        .body(Map.of("state", "failed"))
        .patch(RUNS + run)
        .then()
        .statusCode(200)
        .body("state", equalTo("failed"));
    Api.asAdmin()
        .get(RUNS + run + "/taskInstances?order_by=map_index")
        .then()
        .body("task_instances.find { it.task_id == 'prepare_dataset' }.state", equalTo("success"))
        .body("task_instances.find { it.map_index == 0 }.state", equalTo("failed"))
        .body("task_instances.find { it.map_index == 1 }.state", equalTo("skipped"))
        .body("task_instances.find { it.task_id == 'pick_best' }.state", equalTo("skipped"));
  }

  @Test
  void markState_notOneOfTheThree_is400ListingThem() {
    String run = fixtures.run("success", "success", "success", "success", "success");

    Api.asAdmin()
        .body(Map.of("state", "running"))
        .patch(RUNS + run)
        .then()
        .statusCode(400)
        .body("detail", equalTo("state: 'running' must be one of [success, failed, queued]"));
  }

  @Test
  void markState_unknownRun_is404() {
    Api.asAdmin()
        .body(Map.of("state", "failed"))
        .patch(RUNS + "no_such_run")
        .then()
        .statusCode(404)
        .body("title", equalTo("DAGRun not found"));
    Api.asAdmin().delete(RUNS + "no_such_run").then().statusCode(404);
  }

  @Test
  void clear_contradictoryOrUnknownFields_are400NamingThem() {
    String run = fixtures.run("failed", "success", "success", "failed", "upstream_failed");
    Api.asAdmin()
        .body(Map.of("only_failed", true, "only_running", true))
        .post(CLEAR)
        .then()
        .statusCode(400)
        .body("detail", containsString("only_failed and only_running"));
    Api.asAdmin()
        .body(Map.of("task_ids", List.of("trian")))
        .post(CLEAR)
        .then()
        .statusCode(400)
        .body("detail", containsString("task_ids: 'trian' is not a task of Dag"));
    Api.asAdmin()
        .body(Map.of("start_date", "yesterday"))
        .post(CLEAR)
        .then()
        .statusCode(400)
        .body("detail", containsString("start_date: 'yesterday' is not an ISO-8601"));
    Api.asAdmin()
        .body(Map.of("dag_run_id", run, "end_date", "2026-01-01T00:00:00Z"))
        .post(CLEAR)
        .then()
        .statusCode(400)
        .body("detail", containsString("cannot be combined"));
    Api.asAdmin().body(Map.of("dag_run_id", "no_such_run")).post(CLEAR).then().statusCode(404);
  }

  @Test
  void patchDag_badBodies_are400_unknownDag_is404() {
    Api.asAdmin()
        .body(Map.of("is_paused", "yes"))
        .patch("/api/v1/dags/" + RunFixtures.DAG)
        .then()
        .statusCode(400)
        .body("detail", equalTo("is_paused: 'yes' is not a boolean (true or false)"));
    Api.asAdmin()
        .body(Map.of("description", "x"))
        .patch("/api/v1/dags/" + RunFixtures.DAG)
        .then()
        .statusCode(400)
        .body("detail", containsString("is_paused: missing"));
    Api.asAdmin()
        .body(Map.of("is_paused", true))
        .patch("/api/v1/dags/no_such_dag")
        .then()
        .statusCode(404);
  }

  @Test
  void lists_badQueryValues_are400NamingFieldValueAndRule() {
    Api.asAdmin()
        .get(RUNS + "?limit=0")
        .then()
        .statusCode(400)
        .body("detail", equalTo("limit: 0 must be between 1 and 1000"));
    Api.asAdmin()
        .get(RUNS + "?limit=ten")
        .then()
        .statusCode(400)
        .body(
            "detail", equalTo("limit: 'ten' is not an integer between -2147483648 and 2147483647"));
    Api.asAdmin()
        .get(RUNS + "?state=done")
        .then()
        .statusCode(400)
        .body("detail", equalTo("state: 'done' is not one of [queued, running, success, failed]"));
    Api.asAdmin()
        .get(RUNS + "?start_date_gte=today")
        .then()
        .statusCode(400)
        .body("detail", containsString("start_date_gte: 'today' is not an ISO-8601"));
    Api.asAdmin()
        .get("/api/v1/dags?paused=maybe")
        .then()
        .statusCode(400)
        .body("detail", equalTo("paused: 'maybe' is not true or false"));
  }

  @Test
  void listDags_filtersByPausedAndPattern() {
    pause(true);
    Api.asAdmin()
        .get("/api/v1/dags?paused=true&dag_id_pattern=DCGAN")
        .then()
        .statusCode(200)
        .body("dags.dag_id", contains(RunFixtures.DAG))
        .body("dags[0].is_paused", equalTo(true))
        .body("dags[0].max_active_runs", equalTo(1));
    Api.asAdmin()
        .get("/api/v1/dags?paused=false&dag_id_pattern=dcgan_SWEEP")
        .then()
        .body("total_entries", equalTo(0));
  }

  @Test
  void openApiDocument_isWhereAirflowServesIt() {
    io.restassured.RestAssured.given()
        .redirects()
        .follow(false)
        .get("/api/v1/openapi.yaml")
        .then()
        .statusCode(307)
        .header("Location", containsString("/q/openapi"));
    io.restassured.RestAssured.given()
        .get("/api/v1/openapi.json")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/dags/{dag_id}/clearTaskInstances"))
        .body(containsString("\"dag_run_id\""))
        .body(containsString("\"total_entries\""));
  }

  private void pause(boolean paused) {
    Api.asAdmin()
        .queryParam("update_mask", "is_paused")
        .body(Map.of("is_paused", paused))
        .patch("/api/v1/dags/" + RunFixtures.DAG)
        .then()
        .statusCode(200)
        .body("is_paused", equalTo(paused));
  }

  private static String awaiting() {
    return "select awaiting_start::text from dag_run where run_id = ?";
  }

  private void assertNoWorkflow(String run) {
    String workflowId = AtelierWorkflows.workflowId(RunFixtures.DAG, run);
    assertThrows(
        WorkflowNotFoundException.class,
        () ->
            temporal
                .newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
                .describe(),
        "no workflow may start while the Dag is paused");
  }
}
