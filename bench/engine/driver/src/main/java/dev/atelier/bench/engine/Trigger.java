package dev.atelier.bench.engine;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import dev.atelier.workflows.temporal.DagRunInput;
import dev.atelier.workflows.temporal.DagRunWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A manual trigger as the app performs it for {@code POST /api/v1/dags/{id}/dagRuns}, step for step
 * (ui's {@code DagRunService.trigger}, {@code RunAdmission.insertAndAdmit}, {@code
 * DagRunWorkflows.start}), with the same SQL: params resolved, the logical date checked, then in
 * one transaction under the Dag's advisory lock the run row inserted queued, the admission pass's
 * reads, the {@link DagRunWorkflow} started on Temporal and the row marked started; then the row
 * read back for the answer. What is left out is the HTTP hop itself (JSON, basic auth). The ui
 * classes are CDI beans of the Quarkus app and cannot run here, so the statements are repeated:
 * keep them in step with the app's.
 */
final class Trigger {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private final DataSource db;
  private final WorkflowClient temporal;

  Trigger(DataSource db, WorkflowClient temporal) {
    this.db = db;
    this.temporal = temporal;
  }

  /** Triggers a run of {@code dag} and returns its workflow id once the start is committed. */
  String trigger(Dag dag, String runId) throws SQLException {
    Map<String, Object> params = dag.params().resolve(Map.of());
    OffsetDateTime logical = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    String workflowId = AtelierWorkflows.workflowId(dag.dagId(), runId);
    try (Connection c = db.getConnection()) {
      query(c, "select run_id from dag_run where dag_id = ? and logical_date = ?", dag, logical);
      c.setAutoCommit(false);
      try {
        query(c, "select pg_advisory_xact_lock(hashtext(?))", "atelier.admit:" + dag.dagId());
        try (PreparedStatement s =
            c.prepareStatement(
                """
                insert into dag_run (dag_id, run_id, state, run_type, conf, logical_date,
                  data_interval_start, data_interval_end, start_date, end_date, external_trigger,
                  workflow_id, note, awaiting_start)
                values (?, ?, 'queued', 'manual', '{}'::jsonb, ?, ?, ?, null, null, true, ?, null,
                  true)
                on conflict (dag_id, run_id) do nothing
                """)) {
          s.setString(1, dag.dagId());
          s.setString(2, runId);
          s.setObject(3, logical);
          s.setObject(4, logical);
          s.setObject(5, logical);
          s.setString(6, workflowId);
          if (s.executeUpdate() != 1) {
            throw new IllegalStateException("run " + runId + " exists already");
          }
        }
        query(c, "select is_paused from dag where dag_id = ?", dag.dagId());
        query(
            c,
            "select run_id from dag_run where dag_id = ? and awaiting_start"
                + " order by logical_date, id",
            dag.dagId());
        query(
            c,
            "select run_id from dag_run where dag_id = ? and state in ('queued', 'running')"
                + " and not awaiting_start order by logical_date",
            dag.dagId());
        start(dag, runId, workflowId, MICROS.format(logical), params);
        try (PreparedStatement s =
            c.prepareStatement(
                "update dag_run set awaiting_start = false where dag_id = ? and run_id = ?")) {
          s.setString(1, dag.dagId());
          s.setString(2, runId);
          s.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      query(c, "select state from dag_run where dag_id = ? and run_id = ?", dag.dagId(), runId);
    }
    return workflowId;
  }

  private void start(
      Dag dag, String runId, String workflowId, String logical, Map<String, Object> params) {
    DagRunWorkflow workflow =
        temporal.newWorkflowStub(
            DagRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(AtelierWorkflows.TASK_QUEUE)
                .setWorkflowId(workflowId)
                .build());
    WorkflowClient.start(
        workflow::run,
        new DagRunInput(
            dag.dagId(),
            runId,
            logical,
            params,
            dag.toSpec(),
            Map.of(),
            logical,
            logical,
            null,
            null));
  }

  private static void query(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        s.setObject(i + 1, a instanceof Dag d ? d.dagId() : a);
      }
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          // Read like the app does; the rows are not needed here.
        }
      }
    }
  }
}
