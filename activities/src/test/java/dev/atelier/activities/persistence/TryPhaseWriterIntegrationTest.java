package dev.atelier.activities.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.Services;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.activities.TaskInstanceTry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A waiting job's phase on its task instance, against the real PostgreSQL: the workflow's writes go
 * through {@link PersistenceActivitiesImpl} as in a run, the wait's through {@link TryPhaseWriter},
 * and whatever the workflow wrote last about a try stands.
 */
class TryPhaseWriterIntegrationTest {
  private static final long T1 = 1_790_000_000_000L;
  private static final String NO_QUOTA =
      "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in"
          + " flavor gpu, 1 more needed";
  private static final String EVICTED =
      "evicted: Preempted to accommodate a higher priority Workload";

  private final DataSource db = Services.migratedDatabase();
  private final PersistenceActivitiesImpl workflow = new PersistenceActivitiesImpl(db);
  private final TryPhaseWriter phases = new TryPhaseWriter(db);
  private final String dagId = "test_phases_" + UUID.randomUUID().toString().substring(0, 8);
  private final String runId = "manual__2026-11-23T08:00:00+00:00";

  @BeforeEach
  void registerDag() throws SQLException {
    execute("insert into dag (dag_id, definition) values (?, '{}'::jsonb)");
    workflow.recordDagRunState(dagId, runId, "running", T1);
  }

  @AfterEach
  void removeDag() throws SQLException {
    execute("delete from dag_run where dag_id = ?");
    execute("delete from dag where dag_id = ?");
  }

  private void recorded(String state, int tryNumber, String mlflowRunId, String note) {
    workflow.recordTaskInstance(
        new TaskInstanceRecord(
            dagId,
            runId,
            "train",
            0,
            state,
            tryNumber,
            "TrainOperator",
            T1,
            state.equals("running") ? 0 : T1 + 60_000,
            null,
            mlflowRunId,
            note));
  }

  private TaskInstanceTry attempt(int tryNumber) {
    return new TaskInstanceTry(dagId, runId, "train", 0, tryNumber);
  }

  @Test
  void record_queuedForKueueThenAdmitted_showsTheReasonThenRunningWithoutIt() throws SQLException {
    recorded("running", 1, "mlrun-1", null);

    assertTrue(phases.record(attempt(1), "queued", NO_QUOTA));
    Map<String, Object> queued = row();
    assertEquals("queued", queued.get("state"));
    assertEquals(NO_QUOTA, queued.get("note"));
    assertEquals("mlrun-1", queued.get("mlflow_run_id"), "the workflow's values stay");
    assertNotNull(queued.get("start_date"));
    assertNull(queued.get("end_date"));

    assertTrue(phases.record(attempt(1), "running", null));
    Map<String, Object> running = row();
    assertEquals("running", running.get("state"));
    assertNull(running.get("note"), "Kueue's reason no longer holds");
    assertEquals(1, running.get("try_number"));
  }

  @Test
  void record_evictedWhileRunning_queuedAgainWithKueuesNewReason() throws SQLException {
    recorded("running", 1, "mlrun-1", null);
    phases.record(attempt(1), "queued", NO_QUOTA);
    phases.record(attempt(1), "running", null);

    assertTrue(phases.record(attempt(1), "queued", EVICTED));

    assertEquals("queued", row().get("state"));
    assertEquals(EVICTED, row().get("note"));
  }

  @Test
  void record_runningOnARowTheWorkflowGaveANote_keepsTheNote() throws SQLException {
    recorded("up_for_retry", 1, "mlrun-1", "INTERRUPTED: SIGTERM at step 120");
    recorded("running", 2, null, null);

    assertTrue(phases.record(attempt(2), "running", null));

    assertEquals("INTERRUPTED: SIGTERM at step 120", row().get("note"));
  }

  @Test
  void record_afterTheWorkflowEndedTheTry_changesNothing() throws SQLException {
    recorded("running", 1, "mlrun-1", null);
    phases.record(attempt(1), "queued", NO_QUOTA);
    phases.record(attempt(1), "running", null);
    recorded("success", 1, "mlrun-1", null);

    assertFalse(phases.record(attempt(1), "queued", EVICTED), "a late poll of the ended try");

    Map<String, Object> done = row();
    assertEquals("success", done.get("state"));
    assertNull(done.get("note"));
    assertNotNull(done.get("end_date"));
  }

  @Test
  void record_ofAnEarlierTry_changesNothing() throws SQLException {
    recorded("running", 1, "mlrun-1", null);
    recorded("up_for_retry", 1, "mlrun-1", "FAILED: CUDA error");
    assertFalse(phases.record(attempt(1), "running", null), "up_for_retry stands");
    recorded("running", 2, "mlrun-2", null);

    assertFalse(phases.record(attempt(1), "queued", EVICTED), "try 1's wait, still polling");

    assertEquals("running", row().get("state"));
    assertEquals(2, row().get("try_number"));
  }

  /**
   * The workflow's final write and a wait's last poll race for the row: the poll waits for the
   * row's lock, then finds the try ended and changes nothing.
   */
  @Test
  void record_racingTheWorkflowsFinalWrite_theFinalStateStands() throws Exception {
    recorded("running", 1, "mlrun-1", null);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s =
          c.prepareStatement(
              "update task_instance set state = 'success', end_date = now()"
                  + " where dag_id = ? and run_id = ? and task_id = 'train' and map_index = 0")) {
        s.setString(1, dagId);
        s.setString(2, runId);
        s.executeUpdate();
      }
      CompletableFuture<Boolean> poll =
          CompletableFuture.supplyAsync(() -> phases.record(attempt(1), "queued", EVICTED));
      Thread.sleep(300);
      assertFalse(poll.isDone(), "the poll waits for the workflow's transaction");
      c.commit();

      assertFalse(poll.get(10, TimeUnit.SECONDS));
    }
    assertEquals("success", row().get("state"));
    assertNull(row().get("note"));
  }

  @Test
  void record_aStateThatIsNotAPhase_isRefusedNamingTheRule() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> phases.record(attempt(1), "success", null));

    assertEquals(
        "state: 'success' must be one of [queued, running] (a try's phase)", e.getMessage());
  }

  private Map<String, Object> row() throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select state, try_number, start_date, end_date, mlflow_run_id, note"
                    + " from task_instance where dag_id = ? and run_id = ? and task_id = 'train'"
                    + " and map_index = 0")) {
      s.setString(1, dagId);
      s.setString(2, runId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no task instance for " + dagId + "/" + runId);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          values.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        return values;
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, dagId);
      s.executeUpdate();
    }
  }
}
