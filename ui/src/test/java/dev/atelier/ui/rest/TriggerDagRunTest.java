package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Bad triggers are refused before anything is stored or started: the user reads which field broke
 * which rule, and no dag_run row (and so no workflow) exists afterwards.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class TriggerDagRunTest {
  private static final String DAG = "emoji_dcgan_sweep";

  @Inject DataSource dataSource;
  @Inject WorkflowClient temporal;

  private void assertRefused(Map<String, Object> conf, Matcher<String> detail) {
    String runId = "test_bad_conf_" + UUID.randomUUID();

    Api.asAdmin()
        .body(Map.of("dag_run_id", runId, "conf", conf))
        .post("/api/v1/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(400)
        .body("status", equalTo(400))
        .body("title", equalTo("Bad Request"))
        .body("detail", detail);

    assertEquals(0, runRows(runId), "a refused trigger must not leave a dag_run row");
  }

  @Test
  void trigger_learningRateNotANumber_is400NamingTheItemAndType() {
    assertRefused(
        Map.of("learning_rates", java.util.List.of("abc")),
        allOf(
            containsString("params.learning_rates[0]"), containsString("is not of type 'number'")));
  }

  @Test
  void trigger_batchSizeZero_is400NamingTheMinimum() {
    assertRefused(
        Map.of("batch_size", 0),
        containsString("params.batch_size: 0 is less than the minimum of 1"));
  }

  @Test
  void trigger_unknownModel_is400ListingTheAllowedModels() {
    assertRefused(
        Map.of("model", "stylegan9"),
        allOf(
            containsString("params.model"),
            containsString("stylegan9"),
            containsString("is not one of"),
            containsString("dcgan32")));
  }

  @Test
  void trigger_stepsAboveTheMaximum_is400NamingFieldValueAndLimit() {
    assertRefused(
        Map.of("steps", 10_000_000),
        containsString("params.steps: 10000000 is greater than the maximum of 200000"));
  }

  @Test
  void trigger_gpusAboveTheMaximum_is400NamingTheLimit() {
    assertRefused(
        Map.of("gpus", 100), containsString("params.gpus: 100 is greater than the maximum of 8"));
  }

  @Test
  void trigger_maxParallelTrialsAboveTheMaximum_is400NamingTheLimit() {
    assertRefused(
        Map.of("max_parallel_trials", 1000),
        containsString("params.max_parallel_trials: 1000 is greater than the maximum of 32"));
  }

  @Test
  void trigger_listLongerThanTheMaximum_is400NamingTheListAndLimit() {
    assertRefused(
        Map.of("learning_rates", java.util.Collections.nCopies(65, 0.001)),
        containsString(
            "params.learning_rates: a list of 65 items is longer than the maximum of 64 items"));
  }

  @Test
  void trigger_tooManyTrialsPerSweep_is400NamingTheListsAndLimit() {
    java.util.List<Double> lrs = new java.util.ArrayList<>();
    java.util.List<Integer> dims = new java.util.ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      lrs.add(i / 10_000.0);
      dims.add(8 + i);
    }
    assertRefused(
        Map.of("learning_rates", lrs, "latent_dims", dims, "dataset_path", "/tmp"),
        containsString(
            "params.learning_rates × params.latent_dims: 400 trials of task train is above the"
                + " maximum of 256 trials per sweep"));
  }

  @Test
  void trigger_severalViolations_areAllReportedAtOnce() {
    assertRefused(
        Map.of("batch_size", 0, "model", "stylegan9"),
        allOf(containsString("params.batch_size"), containsString("params.model")));
  }

  @Test
  void trigger_unknownDag_is404() {
    Api.asAdmin()
        .body(Map.of("conf", Map.of()))
        .post("/api/v1/dags/no_such_dag/dagRuns")
        .then()
        .statusCode(404)
        .body("detail", equalTo("DAG with dag_id: 'no_such_dag' not found"));
  }

  @Test
  void trigger_confNotAnObject_is400NamingConf() {
    Api.asAdmin()
        .body("{\"conf\": \"lr=0.1\"}")
        .post("/api/v1/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(400)
        .body("detail", containsString("conf"));
  }

  @Test
  void trigger_badLogicalDate_is400NamingTheField() {
    Api.asAdmin()
        .body(Map.of("logical_date", "yesterday", "conf", Map.of("dataset_path", "/tmp")))
        .post("/api/v1/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(400)
        .body("detail", containsString("logical_date: 'yesterday'"));
  }

  @Test
  void trigger_runIdTaken_is409AndTheExistingRunIsUntouched() throws Exception {
    String runId = "test_taken_" + UUID.randomUUID();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into dag_run (dag_id, run_id, state, logical_date, workflow_id, note)"
                    + " values (?, ?, 'success', now(), 'wf-existing', 'keep me')")) {
      ps.setString(1, DAG);
      ps.setString(2, runId);
      ps.executeUpdate();
    }
    try {
      Api.asAdmin()
          .body(Map.of("dag_run_id", runId, "conf", Map.of("dataset_path", "/tmp")))
          .post("/api/v1/dags/" + DAG + "/dagRuns")
          .then()
          .statusCode(409)
          .body("detail", containsString(runId));

      Api.asAdmin()
          .get("/api/v1/dags/" + DAG + "/dagRuns/" + runId)
          .then()
          .statusCode(200)
          .body("state", equalTo("success"))
          .body("note", equalTo("keep me"));
    } finally {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement("delete from dag_run where run_id = ?")) {
        ps.setString(1, runId);
        ps.executeUpdate();
      }
    }
  }

  @Test
  void trigger_temporalRefusesTheStart_leavesNoRunRowBehind() {
    // A workflow with the run's id already exists on Temporal (parked on a queue nobody polls),
    // so Temporal refuses the start after the row was inserted; the row must go again.
    String runId = "test_refused_" + UUID.randomUUID();
    WorkflowStub existing =
        temporal.newUntypedWorkflowStub(
            "DagRunWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(AtelierWorkflows.workflowId(DAG, runId))
                .setTaskQueue("ui-test-nobody-polls")
                .build());
    existing.start(new Object[] {null});
    try {
      Api.asAdmin()
          .body(Map.of("dag_run_id", runId, "conf", Map.of("dataset_path", "/tmp")))
          .post("/api/v1/dags/" + DAG + "/dagRuns")
          .then()
          .statusCode(409)
          .body("detail", containsString(runId));

      assertEquals(0, runRows(runId), "the row inserted before the refused start must be gone");
    } finally {
      existing.terminate("test over");
    }
  }

  private long runRows(String runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select count(*) from dag_run where run_id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
