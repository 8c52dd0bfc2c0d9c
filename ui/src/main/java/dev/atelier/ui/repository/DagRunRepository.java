package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The {@code dag_run} table. */
@ApplicationScoped
public class DagRunRepository {
  private static final String COLUMNS =
      "dag_id, run_id, state, run_type, conf::text as conf, logical_date, data_interval_start,"
          + " data_interval_end, start_date, end_date, external_trigger, workflow_id, note";

  private final Sql sql;

  DagRunRepository(Sql sql) {
    this.sql = sql;
  }

  /**
   * @return false when a run with this id already exists for the Dag (nothing is written)
   */
  public boolean insert(DagRunRow run) {
    try {
      sql.update(
          """
          insert into dag_run (dag_id, run_id, state, run_type, conf, logical_date,
            data_interval_start, data_interval_end, start_date, end_date, external_trigger,
            workflow_id, note)
          values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          run.dagId(),
          run.runId(),
          run.state(),
          run.runType(),
          JsonColumns.write(run.conf()),
          run.logicalDate(),
          run.dataIntervalStart(),
          run.dataIntervalEnd(),
          run.startDate(),
          run.endDate(),
          run.externalTrigger(),
          run.workflowId(),
          run.note());
      return true;
    } catch (DataAccessException e) {
      if (e.isUniqueViolation()) {
        return false;
      }
      throw e;
    }
  }

  public void delete(String dagId, String runId) {
    sql.update("delete from dag_run where dag_id = ? and run_id = ?", dagId, runId);
  }

  public Optional<DagRunRow> find(String dagId, String runId) {
    return sql.queryOne(
        "select " + COLUMNS + " from dag_run where dag_id = ? and run_id = ?",
        DagRunRepository::row,
        dagId,
        runId);
  }

  /** Newest first, as Airflow's UI lists them. */
  public List<DagRunRow> list(String dagId, int limit, int offset) {
    return sql.query(
        "select "
            + COLUMNS
            + " from dag_run where dag_id = ? order by logical_date desc, run_id limit ? offset ?",
        DagRunRepository::row,
        dagId,
        limit,
        offset);
  }

  public long count(String dagId) {
    return sql.count("select count(*) from dag_run where dag_id = ?", dagId);
  }

  static DagRunRow row(ResultSet rs) throws SQLException {
    return new DagRunRow(
        rs.getString("dag_id"),
        rs.getString("run_id"),
        rs.getString("state"),
        rs.getString("run_type"),
        JsonColumns.readMap(rs.getString("conf")),
        rs.getObject("logical_date", OffsetDateTime.class),
        rs.getObject("data_interval_start", OffsetDateTime.class),
        rs.getObject("data_interval_end", OffsetDateTime.class),
        rs.getObject("start_date", OffsetDateTime.class),
        rs.getObject("end_date", OffsetDateTime.class),
        rs.getBoolean("external_trigger"),
        rs.getString("workflow_id"),
        rs.getString("note"));
  }
}
