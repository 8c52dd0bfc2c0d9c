package dev.atelier.ui.schedule;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.ui.RequiredServices;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A waiting run that can never start is failed with the reason, on the real Temporal, and no longer
 * holds up its Dag: a dataset-triggered run whose triggering events make its conf larger than
 * Temporal accepts (its payload size limit), and a run of a Dag this build no longer defines.
 *
 * <pre>
 *   test_one_at_a_time (max_active_runs=1):
 *     huge   (older, conf ~3 MB) ─ Temporal refuses ─▶ failed, reason in its note
 *     later  (newer)             ──────────────────────▶ starts, success
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class RunStartRefusedTest {
  private static final String DAG = OneRunAtATimeDag.DAG_ID;

  @Inject DataSource dataSource;

  @Test
  void aRunWhoseConfTemporalRefuses_isFailedWithTheReason_andTheNextRunStillStarts()
      throws Exception {
    Db db = new Db(dataSource);
    String huge = "test_refused_" + UUID.randomUUID();
    String later = "test_after_refused_" + UUID.randomUUID();
    try {
      waiting(db, DAG, huge, "now() - interval '2 hours'", hugeConf());
      waiting(db, DAG, later, "now() - interval '1 hour'", "{}");

      Eventually.await(
          "the refused run fails and the one after it succeeds",
          Duration.ofSeconds(60),
          () ->
              db.string("select state from dag_run where run_id = ?", huge)
                  + "/"
                  + db.string("select state from dag_run where run_id = ?", later),
          "failed/success"::equals);

      Db.api()
          .get("/api/v1/dags/" + DAG + "/dagRuns/" + huge)
          .then()
          .statusCode(200)
          .body("state", equalTo("failed"))
          .body("note", containsString("the workflow engine refused to start the run: "));
      String note = db.string("select note from dag_run where run_id = ?", huge);
      // Temporal's own words for the refusal follow ours, e.g. "Blob data size exceeds limit."
      assertTrue(note.length() > "the workflow engine refused to start the run: ".length(), note);
      assertEquals(
          "false", db.string("select awaiting_start::text from dag_run where run_id = ?", huge));
      assertEquals(
          "0",
          db.string("select count(*) from task_instance where run_id = ?", huge),
          "nothing of the refused run was written besides its row");
    } finally {
      db.update("delete from task_instance where run_id in (?, ?)", huge, later);
      db.update("delete from dag_run where run_id in (?, ?)", huge, later);
    }
  }

  @Test
  void aWaitingRunOfADagNoLongerDefined_isFailedNamingTheDag() throws Exception {
    Db db = new Db(dataSource);
    String gone = "test_gone_" + UUID.randomUUID().toString().substring(0, 8);
    String run = "test_orphan_" + UUID.randomUUID();
    db.update("insert into dag (dag_id, definition) values (?, '{}'::jsonb)", gone);
    try {
      waiting(db, gone, run, "now()", "{}");

      String note =
          Eventually.await(
              "the orphan run fails",
              Duration.ofSeconds(30),
              () -> db.string("select state || ': ' || note from dag_run where run_id = ?", run),
              s -> s != null && s.startsWith("failed"));
      assertEquals(
          "failed: Dag '"
              + gone
              + "' is no longer defined by this build of Atelier; the run cannot start",
          note);
    } finally {
      db.update("delete from dag_run where dag_id = ?", gone);
      db.update("delete from dag where dag_id = ?", gone);
    }
  }

  /** A run stored as a schedule or dataset trigger stores it: queued, awaiting its start. */
  private static void waiting(Db db, String dagId, String runId, String logicalDate, String conf) {
    db.update(
        "insert into dag_run (dag_id, run_id, state, run_type, conf, logical_date, workflow_id,"
            + " external_trigger, awaiting_start) values (?, ?, 'queued', 'dataset_triggered',"
            + " ?::jsonb, "
            + logicalDate
            + ", ?, false, true)",
        dagId,
        runId,
        conf,
        AtelierWorkflows.workflowId(dagId, runId));
  }

  /** 200 triggering events with 15 KB of extra each: about 3 MB, over Temporal's 2 MB limit. */
  private static String hugeConf() throws Exception {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(
          Map.of(
              "dataset_uri",
              "file:///data/emoji",
              "extra",
              Map.of("filler", Integer.toString(i).repeat(1).concat("x".repeat(15_000)))));
    }
    return new ObjectMapper().writeValueAsString(Map.of("triggering_dataset_events", events));
  }
}
