package dev.atelier.ui.schedule;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A TriggerDagRunOperator's run goes through the same admission as a REST trigger: while the target
 * Dag is paused the run is stored queued with no workflow, and unpausing starts it.
 *
 * <pre>
 *   test_trigger_controller: kick_off ══▶ test_trigger_target (paused: queued) ─ unpause ─▶ success
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class TriggerDagRunAdmissionTest {
  @Inject DataSource dataSource;

  private static void pause(String dagId, boolean paused) {
    Db.api()
        .body(Map.of("is_paused", paused))
        .patch("/api/v1/dags/" + dagId)
        .then()
        .statusCode(200);
  }

  @Test
  void aTriggeredRunOfAPausedDag_waitsQueued_andStartsWhenUnpaused() throws Exception {
    Db db = new Db(dataSource);
    String controllerRun = "test_controller_" + UUID.randomUUID();
    pause(TriggerDags.TARGET, true);
    try {
      Db.api()
          .body(Map.of("dag_run_id", controllerRun))
          .post("/api/v1/dags/" + TriggerDags.CONTROLLER + "/dagRuns")
          .then()
          .statusCode(200);
      Eventually.await(
          "the controller's run succeeds",
          Duration.ofSeconds(30),
          () -> db.string("select state from dag_run where run_id = ?", controllerRun),
          "success"::equals);
      String targetRun =
          db.string(
              "select run_id from dag_run where dag_id = ? and note like ?",
              TriggerDags.TARGET,
              "triggered by " + TriggerDags.CONTROLLER + "/" + controllerRun + "/kick_off%");
      assertEquals(
          List.of("queued", "true", "manual", "{\"source\": \"controller\"}"),
          List.of(
              db.string("select state from dag_run where run_id = ?", targetRun),
              db.string("select awaiting_start::text from dag_run where run_id = ?", targetRun),
              db.string("select run_type from dag_run where run_id = ?", targetRun),
              db.string("select conf::text from dag_run where run_id = ?", targetRun)),
          "the paused target's run waits, queued, without a workflow");

      // The trigger's keyed XCom trigger_run_id is persisted and read through Airflow's API.
      String xcoms =
          "/api/v1/dags/"
              + TriggerDags.CONTROLLER
              + "/dagRuns/"
              + controllerRun
              + "/taskInstances/kick_off/xcomEntries";
      Db.api()
          .get(xcoms)
          .then()
          .statusCode(200)
          .body("total_entries", equalTo(1))
          .body("xcom_entries[0].key", equalTo("trigger_run_id"))
          .body("xcom_entries[0].map_index", equalTo(-1))
          .body("xcom_entries[0].dag_id", equalTo(TriggerDags.CONTROLLER));
      Db.api()
          .get(xcoms + "/trigger_run_id")
          .then()
          .statusCode(200)
          .body("value", equalTo("\"" + targetRun + "\""));
      Db.api()
          .queryParam("deserialize", "true")
          .get(xcoms + "/trigger_run_id")
          .then()
          .statusCode(200)
          .body("value", equalTo(targetRun));
      Db.api()
          .get(xcoms + "/no_such_key")
          .then()
          .statusCode(404)
          .body(
              "detail",
              equalTo(
                  "XCom entry with key: 'no_such_key' not found for task 'kick_off' in DAGRun '"
                      + controllerRun
                      + "'"));

      pause(TriggerDags.TARGET, false);
      Eventually.await(
          "the triggered run starts once its Dag is unpaused and succeeds",
          Duration.ofSeconds(30),
          () -> db.string("select state from dag_run where run_id = ?", targetRun),
          "success"::equals);
    } finally {
      pause(TriggerDags.TARGET, false);
    }
  }
}
