package dev.atelier.activities.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.Services;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL, migrated by Flyway; each test owns a Dag id of its own. */
class PersistenceActivitiesIntegrationTest {
  private static final long T1 = 1_790_000_000_000L;
  private static final long T2 = T1 + 60_000;
  private static final long T3 = T1 + 120_000;

  private final DataSource db = Services.migratedDatabase();
  private final PersistenceActivitiesImpl persistence = new PersistenceActivitiesImpl(db);
  private final String dagId = "test_activities_" + UUID.randomUUID().toString().substring(0, 8);
  private final String runId = "manual__2026-11-21T10:00:00+00:00";

  @BeforeEach
  void registerDag() throws SQLException {
    update("insert into dag (dag_id, definition) values (?, '{}'::jsonb)", dagId);
  }

  @AfterEach
  void removeDag() throws SQLException {
    update("delete from dag_run where dag_id = ?", dagId);
    update("delete from dag where dag_id = ?", dagId);
  }

  private TaskInstanceRecord ti(
      String state,
      int tryNumber,
      long start,
      long end,
      String xcom,
      String mlflowRunId,
      String note) {
    return new TaskInstanceRecord(
        dagId,
        runId,
        "train",
        1,
        state,
        tryNumber,
        "TrainOperator",
        start,
        end,
        xcom,
        mlflowRunId,
        note);
  }

  @Test
  void recordTaskInstance_retriedTrial_keepsFirstStartAndHighestTryAndEarlierValues()
      throws SQLException {
    persistence.recordDagRunState(dagId, runId, "running", T1);
    persistence.recordTaskInstance(ti("running", 1, T1, 0, null, "mlrun-1", null));
    persistence.recordTaskInstance(ti("up_for_retry", 1, 0, T2, null, null, "trainer died"));
    persistence.recordTaskInstance(ti("running", 2, T2, 0, null, null, null));
    Map<String, Object> running = taskInstance();
    assertEquals("running", running.get("state"));
    assertEquals(2, running.get("try_number"));
    assertEquals(Instant.ofEpochMilli(T1), running.get("start_date"), "first start stays");
    assertNull(running.get("end_date"), "a task running again has not ended");
    assertEquals("mlrun-1", running.get("mlflow_run_id"), "null does not erase the run id");
    assertEquals("trainer died", running.get("note"));

    persistence.recordTaskInstance(ti("success", 1, 0, T3, "{\"value\": 0.25}", null, null));

    Map<String, Object> done = taskInstance();
    assertEquals("success", done.get("state"));
    assertEquals(2, done.get("try_number"), "a late report of try 1 does not lower it");
    assertEquals(Instant.ofEpochMilli(T3), done.get("end_date"));
    assertEquals("{\"value\": 0.25}", done.get("xcom"));
  }

  @Test
  void recordTaskInstance_keyedXComs_arePersistedBesideTheReturnValueAndKept() throws SQLException {
    persistence.recordDagRunState(dagId, runId, "running", T1);
    persistence.recordTaskInstance(ti("running", 1, T1, 0, null, null, null));
    persistence.recordTaskInstance(
        new TaskInstanceRecord(
            dagId,
            runId,
            "train",
            1,
            "success",
            1,
            "TrainOperator",
            0,
            T2,
            "42",
            null,
            null,
            "{\"best\": {\"fid\": 27.5}, \"n\": 3}"));
    // A late bookkeeping write without XComs does not erase them.
    persistence.recordTaskInstance(ti("success", 1, 0, T2, null, null, null));

    Map<String, Object> done = taskInstance();
    assertEquals("42", done.get("xcom"));
    assertEquals("{\"n\": 3, \"best\": {\"fid\": 27.5}}", done.get("xcom_pushed"));
  }

  /** One decision's writes: three instances scheduled, then one of them queued and running. */
  @Test
  void recordTaskInstances_oneCall_storesEachChangeInOrder() throws SQLException {
    persistence.recordDagRunState(dagId, runId, "running", T1);

    persistence.recordTaskInstances(
        List.of(
            mapped(0, "scheduled", 0, 0, null),
            mapped(1, "scheduled", 0, 0, null),
            mapped(2, "scheduled", 0, 0, null),
            mapped(1, "queued", 1, 0, null),
            mapped(1, "running", 1, T1, null)));

    assertEquals(Map.of(0, "scheduled", 1, "running", 2, "scheduled"), states());
    Map<String, Object> running = taskInstance();
    assertEquals(1, running.get("try_number"));
    assertEquals(Instant.ofEpochMilli(T1), running.get("start_date"));
  }

  @Test
  void recordTaskInstances_oneBadChange_storesNoneAndSaysWhich() throws SQLException {
    persistence.recordDagRunState(dagId, runId, "running", T1);

    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                persistence.recordTaskInstances(
                    List.of(
                        mapped(0, "scheduled", 0, 0, null),
                        mapped(1, "success", 1, T2, "{not json"))));

    assertTrue(
        e.getMessage().startsWith("could not record 2 task instance states (first " + dagId),
        e.getMessage());
    assertEquals(Map.of(), states(), "the batch is one transaction");
  }

  @Test
  void recordDagRunState_runningThenSuccess_setsStartOnceAndEnd() throws SQLException {
    persistence.recordDagRunState(dagId, runId, "queued", T1);
    persistence.recordDagRunState(dagId, runId, "running", T2);
    persistence.recordDagRunState(dagId, runId, "running", T3); // a retried activity
    Map<String, Object> running = dagRun();
    assertEquals("running", running.get("state"));
    assertEquals(Instant.ofEpochMilli(T2), running.get("start_date"));
    assertNull(running.get("end_date"));

    persistence.recordDagRunState(dagId, runId, "success", T3 + 1000);

    Map<String, Object> done = dagRun();
    assertEquals("success", done.get("state"));
    assertEquals(Instant.ofEpochMilli(T2), done.get("start_date"));
    assertEquals(Instant.ofEpochMilli(T3 + 1000), done.get("end_date"));
    assertEquals("manual", done.get("run_type"));
    assertNotNull(done.get("workflow_id"));
  }

  @Test
  void recordDagRunState_rowCreatedByTrigger_keepsItsConfAndWorkflowId() throws SQLException {
    update(
        "insert into dag_run (dag_id, run_id, state, conf, logical_date, workflow_id)"
            + " values (?, ?, 'queued', '{\"steps\": 5}'::jsonb, now(), 'wf-from-trigger')",
        dagId);

    persistence.recordDagRunState(dagId, runId, "failed", T2);

    Map<String, Object> row = dagRun();
    assertEquals("failed", row.get("state"));
    assertEquals("wf-from-trigger", row.get("workflow_id"));
    assertEquals("{\"steps\": 5}", row.get("conf"));
  }

  private TaskInstanceRecord mapped(
      int mapIndex, String state, int tryNumber, long start, String xcom) {
    return new TaskInstanceRecord(
        dagId,
        runId,
        "train",
        mapIndex,
        state,
        tryNumber,
        "TrainOperator",
        start,
        "success".equals(state) ? T2 : 0,
        xcom,
        null,
        null);
  }

  /** Each map index of task {@code train} and its state. */
  private Map<Integer, String> states() throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select map_index, state from task_instance where dag_id = ? and run_id = ?")) {
      s.setString(1, dagId);
      s.setString(2, runId);
      Map<Integer, String> out = new TreeMap<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getInt(1), rs.getString(2));
        }
      }
      return out;
    }
  }

  private Map<String, Object> taskInstance() throws SQLException {
    return row(
        "select state, try_number, start_date, end_date, xcom::text as xcom, mlflow_run_id, note,"
            + " xcom_pushed::text as xcom_pushed from task_instance where dag_id = ? and run_id = ? and task_id = 'train'"
            + " and map_index = 1");
  }

  private Map<String, Object> dagRun() throws SQLException {
    return row(
        "select state, start_date, end_date, run_type, workflow_id, conf::text as conf"
            + " from dag_run where dag_id = ? and run_id = ?");
  }

  private Map<String, Object> row(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, dagId);
      s.setString(2, runId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no row for " + dagId + "/" + runId);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object v = rs.getObject(i);
          values.put(
              rs.getMetaData().getColumnLabel(i),
              v instanceof java.sql.Timestamp t ? t.toInstant() : v);
        }
        return values;
      }
    }
  }

  private void update(String sql, String dag) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, dag);
      if (sql.contains("run_id, state, conf")) {
        s.setString(2, runId);
      }
      s.executeUpdate();
    }
  }
}
