package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads the {@code task_instance} table; the worker's persistence activity writes it. */
@ApplicationScoped
public class TaskInstanceRepository {
  private static final String COLUMNS =
      "dag_id, run_id, task_id, map_index, state, try_number, operator, start_date, end_date,"
          + " mlflow_run_id, note";

  private final Sql sql;

  TaskInstanceRepository(Sql sql) {
    this.sql = sql;
  }

  public List<TaskInstanceRow> list(String dagId, String runId) {
    return sql.query(
        "select "
            + COLUMNS
            + " from task_instance where dag_id = ? and run_id = ?"
            + " order by start_date nulls last, task_id, map_index",
        TaskInstanceRepository::row,
        dagId,
        runId);
  }

  /** The instances of mapped tasks (the trials of a sweep), by map index. */
  public List<TaskInstanceRow> mapped(String dagId, String runId) {
    return sql.query(
        "select "
            + COLUMNS
            + " from task_instance where dag_id = ? and run_id = ? and map_index >= 0"
            + " order by task_id, map_index",
        TaskInstanceRepository::row,
        dagId,
        runId);
  }

  private static TaskInstanceRow row(ResultSet rs) throws SQLException {
    return new TaskInstanceRow(
        rs.getString("dag_id"),
        rs.getString("run_id"),
        rs.getString("task_id"),
        rs.getInt("map_index"),
        rs.getString("state"),
        rs.getInt("try_number"),
        rs.getString("operator"),
        rs.getObject("start_date", OffsetDateTime.class),
        rs.getObject("end_date", OffsetDateTime.class),
        rs.getString("mlflow_run_id"),
        rs.getString("note"));
  }
}
