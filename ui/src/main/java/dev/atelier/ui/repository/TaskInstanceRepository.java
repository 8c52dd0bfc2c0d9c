package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The {@code task_instance} table. The worker's persistence activity writes the states a run goes
 * through; this side reads them and, for the REST API's clear and mark-as actions, resets or
 * settles them by hand.
 */
@ApplicationScoped
public class TaskInstanceRepository {
  private static final String COLUMNS =
      "dag_id, run_id, task_id, map_index, state, try_number, operator, start_date, end_date,"
          + " mlflow_run_id, note";

  /** The order a person reads a run in: as the tasks started, then by task and map index. */
  public static final String DEFAULT_ORDER = "start_date asc nulls last, task_id, map_index";

  /** States after which an instance does not change again in its run (Airflow's "finished"). */
  private static final String FINISHED =
      "('success', 'failed', 'skipped', 'upstream_failed', 'removed')";

  private final Sql sql;

  TaskInstanceRepository(Sql sql) {
    this.sql = sql;
  }

  public List<TaskInstanceRow> list(String dagId, String runId) {
    return list(dagId, runId, TaskInstanceFilter.all(), new Page(10_000, 0, DEFAULT_ORDER));
  }

  public List<TaskInstanceRow> list(
      String dagId, String runId, TaskInstanceFilter filter, Page page) {
    Where where = where(dagId, runId, filter);
    return sql.query(
        "select "
            + COLUMNS
            + " from task_instance"
            + where.sql()
            + " order by "
            + page.orderBy()
            + " limit ? offset ?",
        TaskInstanceRepository::row,
        where.argsThen(page.limit(), page.offset()));
  }

  public long count(String dagId, String runId, TaskInstanceFilter filter) {
    Where where = where(dagId, runId, filter);
    return sql.count("select count(*) from task_instance" + where.sql(), where.args());
  }

  /** The instances of mapped tasks (the trials of a sweep), by map index. */
  public List<TaskInstanceRow> mapped(String dagId, String runId) {
    return list(
        dagId,
        runId,
        new TaskInstanceFilter(List.of(), null, true),
        new Page(10_000, 0, "task_id, map_index"));
  }

  public Optional<TaskInstanceRow> find(String dagId, String runId, String taskId, int mapIndex) {
    return sql.queryOne(
        "select "
            + COLUMNS
            + " from task_instance where dag_id = ? and run_id = ? and task_id = ? and map_index = ?",
        TaskInstanceRepository::row,
        dagId,
        runId,
        taskId,
        mapIndex);
  }

  /** The instances a clear would touch, oldest run first, then in task order. */
  public List<TaskInstanceKey> select(ClearSelection s) {
    Where where =
        new Where()
            .and("t.dag_id = ?", s.dagId())
            .optional("t.run_id", "=", s.runId())
            .optional("r.logical_date", ">=", s.logicalDateGte())
            .optional("r.logical_date", "<=", s.logicalDateLte())
            .anyOf("t.task_id", s.taskIds())
            .anyOf("t.state", s.states());
    return sql.query(
        "select t.dag_id, t.run_id, t.task_id, t.map_index, r.logical_date"
            + " from task_instance t join dag_run r on r.dag_id = t.dag_id and r.run_id = t.run_id"
            + where.sql()
            + " order by r.run_after, r.id, t.start_date nulls last, t.task_id, t.map_index",
        rs ->
            new TaskInstanceKey(
                rs.getString("dag_id"),
                rs.getString("run_id"),
                rs.getString("task_id"),
                rs.getInt("map_index"),
                rs.getObject("logical_date", OffsetDateTime.class)),
        where.args());
  }

  /**
   * Airflow's cleared instance: no state, no dates, nothing from the previous try, so that the
   * run's next workflow writes it afresh; that try stays in {@code task_instance_history} (a
   * trigger keeps it) and the next one is numbered after it.
   */
  public void clear(TaskInstanceKey key) {
    sql.update(
        """
        update task_instance set state = null, start_date = null, end_date = null, xcom = null,
          xcom_pushed = null, mlflow_run_id = null, note = null, try_base = try_number
        where dag_id = ? and run_id = ? and task_id = ? and map_index = ?
        """,
        key.dagId(),
        key.runId(),
        key.taskId(),
        key.mapIndex());
  }

  /**
   * Every try of the instance, first to latest: those that ended before a clear or a retry, then
   * the current one unless it is a cleared one not yet tried again.
   */
  public List<TaskInstanceRow> tries(String dagId, String runId, String taskId, int mapIndex) {
    String key = " where dag_id = ? and run_id = ? and task_id = ? and map_index = ?";
    return sql.query(
        "select "
            + COLUMNS
            + " from task_instance_history"
            + key
            + " union all select "
            + COLUMNS
            + " from task_instance t"
            + key
            + " and t.try_number > 0 and not exists (select 1 from task_instance_history h"
            + " where h.dag_id = t.dag_id and h.run_id = t.run_id and h.task_id = t.task_id"
            + " and h.map_index = t.map_index and h.try_number = t.try_number)"
            + " order by try_number",
        TaskInstanceRepository::row,
        dagId,
        runId,
        taskId,
        mapIndex,
        dagId,
        runId,
        taskId,
        mapIndex);
  }

  /** Airflow's "mark run success": every instance of the run ends success. */
  public void markAllSuccess(String dagId, String runId) {
    sql.update(
        """
        update task_instance set state = 'success', end_date = coalesce(end_date, now())
        where dag_id = ? and run_id = ? and state is distinct from 'success'
        """,
        dagId,
        runId);
  }

  /**
   * Airflow's "mark run failed": what was running fails, what had not finished is skipped, what had
   * finished stays.
   */
  /** The instance's note (Airflow's PATCH taskInstance {@code note}); null removes it. */
  public void setNote(TaskInstanceKey key, String note) {
    sql.update(
        "update task_instance set note = ? where dag_id = ? and run_id = ? and task_id = ?"
            + " and map_index = ?",
        note,
        key.dagId(),
        key.runId(),
        key.taskId(),
        key.mapIndex());
  }

  /**
   * Marks one instance of a finished run by hand (Airflow's PATCH taskInstance {@code new_state});
   * an instance that never ran gets now as its end.
   */
  public void setState(TaskInstanceKey key, String state) {
    sql.update(
        "update task_instance set state = ?, end_date = coalesce(end_date, now())"
            + " where dag_id = ? and run_id = ? and task_id = ? and map_index = ?",
        state,
        key.dagId(),
        key.runId(),
        key.taskId(),
        key.mapIndex());
  }

  public void markUnfinishedFailed(String dagId, String runId) {
    sql.update(
        "update task_instance set state = 'failed', end_date = coalesce(end_date, now())"
            + " where dag_id = ? and run_id = ? and state = 'running'",
        dagId,
        runId);
    sql.update(
        "update task_instance set state = 'skipped', end_date = coalesce(end_date, now())"
            + " where dag_id = ? and run_id = ? and (state is null or state not in "
            + FINISHED
            + ")",
        dagId,
        runId);
  }

  private static Where where(String dagId, String runId, TaskInstanceFilter f) {
    Where where =
        new Where()
            .and("dag_id = ?", dagId)
            .and("run_id = ?", runId)
            .optional("task_id", "=", f.taskId())
            .anyOf("state", f.states());
    if (f.mappedOnly()) {
      where.and("map_index >= 0");
    }
    return where;
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
