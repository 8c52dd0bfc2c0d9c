package dev.atelier.activities.persistence;

import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import io.temporal.activity.Activity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/** Task instance and Dag run rows, as Airflow's API and the review UI read them. */
public final class PersistenceActivitiesImpl implements PersistenceActivities {
  /**
   * A retry reports the same instance again: the first start date stays, the try number only grows,
   * and values a later report leaves out (null) keep what an earlier one wrote. The workflow counts
   * tries from 1 in each run of it; {@code try_base}, the tries before the instance was last
   * cleared, continues the count across runs (the database keeps each ended try in {@code
   * task_instance_history}). A task that runs again has no end date yet. Keyed XComs ({@code
   * xcom_pushed}) are kept like the return value.
   */
  static final String UPSERT_TASK_INSTANCE =
      """
      insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number, operator,
                                 start_date, end_date, xcom, mlflow_run_id, note, xcom_pushed)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, cast(? as jsonb))
      on conflict (dag_id, run_id, task_id, map_index) do update set
        state         = excluded.state,
        try_number    = greatest(task_instance.try_number,
                                 task_instance.try_base + excluded.try_number),
        operator      = coalesce(excluded.operator, task_instance.operator),
        start_date    = coalesce(task_instance.start_date, excluded.start_date),
        end_date      = case when excluded.state in ('scheduled', 'queued', 'running')
                             then null
                             else coalesce(excluded.end_date, task_instance.end_date) end,
        xcom          = coalesce(excluded.xcom, task_instance.xcom),
        mlflow_run_id = coalesce(excluded.mlflow_run_id, task_instance.mlflow_run_id),
        note          = coalesce(excluded.note, task_instance.note),
        xcom_pushed   = coalesce(excluded.xcom_pushed, task_instance.xcom_pushed)
      """;

  /**
   * Running sets the start once; success or failure sets the end; going back clears it. The REST
   * trigger inserts the row before it starts the workflow; a run started another way (a schedule)
   * gets its row here, so the API lists it too.
   */
  static final String UPSERT_DAG_RUN =
      """
      insert into dag_run as r (dag_id, run_id, state, run_type, logical_date, start_date,
                                end_date, external_trigger, workflow_id)
      values (?, ?, ?, ?, ?,
              case when ? = 'running' then ? end,
              case when ? in ('success', 'failed') then ? end,
              ?, ?)
      on conflict (dag_id, run_id) do update set
        state      = excluded.state,
        start_date = case when excluded.state = 'running' then coalesce(r.start_date, ?)
                          else r.start_date end,
        end_date   = case when excluded.state in ('success', 'failed') then ?
                          when excluded.state in ('queued', 'running') then null
                          else r.end_date end
      """;

  private final DataSource dataSource;

  public PersistenceActivitiesImpl(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void recordTaskInstance(TaskInstanceRecord r) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(UPSERT_TASK_INSTANCE)) {
      bind(s, r);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not record task instance " + name(r) + ": " + e.getMessage(), e);
    }
  }

  /**
   * One JDBC batch in one transaction: the upserts run in list order, so a later change of the same
   * instance wins as if written one by one, and a failure leaves none of them stored (the
   * activity's retry sends all of them again).
   */
  @Override
  public void recordTaskInstances(List<TaskInstanceRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(UPSERT_TASK_INSTANCE)) {
        for (TaskInstanceRecord r : records) {
          bind(s, r);
          s.addBatch();
        }
        s.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      SQLException cause = e.getNextException() != null ? e.getNextException() : e;
      throw new IllegalStateException(
          "could not record "
              + records.size()
              + " task instance states (first "
              + name(records.get(0))
              + "): "
              + cause.getMessage(),
          e);
    }
  }

  private static void bind(PreparedStatement s, TaskInstanceRecord r) throws SQLException {
    s.setString(1, r.dagId());
    s.setString(2, r.runId());
    s.setString(3, r.taskId());
    s.setInt(4, r.mapIndex());
    s.setString(5, r.state());
    s.setInt(6, r.tryNumber());
    s.setString(7, r.operator());
    setTime(s, 8, r.startMillis());
    setTime(s, 9, r.endMillis());
    s.setString(10, r.xcomJson());
    s.setString(11, r.mlflowRunId());
    s.setString(12, r.note());
    s.setString(13, r.pushedJson());
  }

  private static String name(TaskInstanceRecord r) {
    return r.dagId() + "/" + r.runId() + "/" + r.taskId() + "[" + r.mapIndex() + "]";
  }

  @Override
  public void recordDagRunState(String dagId, String runId, String state, long atMillis) {
    String runType = runType(runId);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(UPSERT_DAG_RUN)) {
      s.setString(1, dagId);
      s.setString(2, runId);
      s.setString(3, state);
      s.setString(4, runType);
      setTime(s, 5, atMillis > 0 ? atMillis : System.currentTimeMillis());
      s.setString(6, state);
      setTime(s, 7, atMillis);
      s.setString(8, state);
      setTime(s, 9, atMillis);
      s.setBoolean(10, runType.equals("manual"));
      s.setString(11, workflowId(dagId, runId));
      setTime(s, 12, atMillis);
      setTime(s, 13, atMillis);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not record state "
              + state
              + " of dag run "
              + dagId
              + "/"
              + runId
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Airflow's run id prefixes name the run type ({@code scheduled__2026-...}). */
  static String runType(String runId) {
    for (String type : new String[] {"scheduled", "dataset_triggered", "backfill"}) {
      if (runId.startsWith(type + "__")) {
        return type;
      }
    }
    return "manual";
  }

  /** The workflow this activity serves; outside a worker (tests) the id the UI would use. */
  private static String workflowId(String dagId, String runId) {
    try {
      return Activity.getExecutionContext().getInfo().getWorkflowId();
    } catch (RuntimeException notInAnActivity) {
      return AtelierWorkflows.workflowId(dagId, runId);
    }
  }

  private static void setTime(PreparedStatement s, int index, long millis) throws SQLException {
    if (millis <= 0) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }
  }
}
