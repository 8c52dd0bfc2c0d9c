package dev.atelier.ui.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Dag runs written straight into PostgreSQL, as a finished or stuck run would have left them, so
 * tests of the REST actions on runs need no training. Their workflow ids exist nowhere on Temporal,
 * so nothing is running for them.
 *
 * <pre>
 *   prepare_dataset ──> train[0] ──> pick_best
 *                  └──> train[1] ──┘
 * </pre>
 */
final class RunFixtures {
  static final String DAG = "emoji_dcgan_sweep";

  private final DataSource dataSource;

  RunFixtures(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A run in {@code runState} with the sweep's four instances in the given states. */
  String run(String runState, String prepare, String train0, String train1, String pickBest) {
    String runId = "test_fixture_" + UUID.randomUUID();
    sql(
        "insert into dag_run (dag_id, run_id, state, conf, logical_date, workflow_id)"
            + " values (?, ?, ?, '{\"dataset_path\": \"/nonexistent\"}'::jsonb,"
            + " now() - random() * interval '1000 days', ?)",
        DAG,
        runId,
        runState,
        "dagrun:" + DAG + ":" + runId);
    instance(runId, "prepare_dataset", -1, prepare);
    instance(runId, "train", 0, train0);
    instance(runId, "train", 1, train1);
    instance(runId, "pick_best", -1, pickBest);
    return runId;
  }

  private void instance(String runId, String taskId, int mapIndex, String state) {
    sql(
        "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number,"
            + " operator, start_date, end_date, mlflow_run_id, note)"
            + " values (?, ?, ?, ?, ?, 1, 'TrainOperator', now() - interval '1 minute',"
            + " case when ? in ('running', 'scheduled') then null else now() end, 'mlflow-1', 'n')",
        DAG,
        runId,
        taskId,
        mapIndex,
        state,
        state);
  }

  String string(String query, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepare(c, query, args);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void sql(String statement, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepare(c, statement, args)) {
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void setPaused(boolean paused) {
    sql("update dag set is_paused = ? where dag_id = ?", paused, DAG);
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }
}
