package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The {@code backfill} table and its runs ({@code dag_run.backfill_id}). */
@ApplicationScoped
public class BackfillRepository {
  private static final String COLUMNS =
      "id, dag_id, from_date, to_date, dag_run_conf::text as dag_run_conf, reprocess_behavior,"
          + " max_active_runs, run_backwards, is_paused, created_by, created_at, updated_at,"
          + " completed_at";

  private final Sql sql;
  private final DagRunRepository runs;

  BackfillRepository(Sql sql, DagRunRepository runs) {
    this.sql = sql;
    this.runs = runs;
  }

  /** The request as stored; {@code id}, the dates and the switches it is given are kept. */
  public record NewBackfill(
      String dagId,
      OffsetDateTime fromDate,
      OffsetDateTime toDate,
      java.util.Map<String, Object> dagRunConf,
      String reprocessBehavior,
      int maxActiveRuns,
      boolean runBackwards,
      String createdBy) {}

  /**
   * Stores the backfill, its new runs and its claim on the existing runs it re-runs, in one
   * transaction; a run id that exists already is left alone.
   *
   * @return empty when the Dag has a backfill that has not completed (nothing is written)
   */
  @Transactional
  public Optional<Stored> insert(NewBackfill b, List<DagRunRow> newRuns, List<String> rerunIds) {
    sql.queryOne(
        "select pg_advisory_xact_lock(hashtext(?))", rs -> 1, "atelier.backfill:" + b.dagId());
    completeFinished();
    if (running(b.dagId()).isPresent()) {
      return Optional.empty();
    }
    BackfillRow row =
        sql.queryOne(
                "insert into backfill (dag_id, from_date, to_date, dag_run_conf,"
                    + " reprocess_behavior, max_active_runs, run_backwards, created_by)"
                    + " values (?, ?, ?, ?::jsonb, ?, ?, ?, ?) returning "
                    + COLUMNS,
                BackfillRepository::row,
                b.dagId(),
                b.fromDate(),
                b.toDate(),
                JsonColumns.write(b.dagRunConf()),
                b.reprocessBehavior(),
                b.maxActiveRuns(),
                b.runBackwards(),
                b.createdBy())
            .orElseThrow();
    List<DagRunRow> created = newRuns.stream().filter(runs::insert).toList();
    for (DagRunRow r : created) {
      claim(row.id(), r.dagId(), r.runId());
    }
    for (String runId : rerunIds) {
      claim(row.id(), b.dagId(), runId);
    }
    return Optional.of(new Stored(row, created));
  }

  /** What {@link #insert} stored: the backfill and the runs that were new. */
  public record Stored(BackfillRow backfill, List<DagRunRow> created) {}

  private void claim(long backfillId, String dagId, String runId) {
    sql.update(
        "update dag_run set backfill_id = ? where dag_id = ? and run_id = ?",
        backfillId,
        dagId,
        runId);
  }

  /**
   * Marks completed every backfill none of whose runs is still queued or running (Airflow's
   * scheduler does the same each loop).
   */
  public int completeFinished() {
    return sql.update(
        "update backfill b set completed_at = now(), updated_at = now() where completed_at is null"
            + " and not exists (select 1 from dag_run r where r.backfill_id = b.id"
            + " and r.state in ('queued', 'running'))");
  }

  public Optional<BackfillRow> running(String dagId) {
    return sql.queryOne(
        "select " + COLUMNS + " from backfill where dag_id = ? and completed_at is null",
        BackfillRepository::row,
        dagId);
  }

  public Optional<BackfillRow> find(long id) {
    return sql.queryOne(
        "select " + COLUMNS + " from backfill where id = ?", BackfillRepository::row, id);
  }

  /**
   * @param orderBy SQL order from the HTTP layer's whitelist
   */
  public List<BackfillRow> list(String dagId, Page page) {
    return sql.query(
        "select "
            + COLUMNS
            + " from backfill where dag_id = ? order by "
            + page.orderBy()
            + " limit ? offset ?",
        BackfillRepository::row,
        dagId,
        page.limit(),
        page.offset());
  }

  public long count(String dagId) {
    return sql.count("select count(*) from backfill where dag_id = ?", dagId);
  }

  public void setPaused(long id, boolean paused) {
    sql.update("update backfill set is_paused = ?, updated_at = now() where id = ?", paused, id);
  }

  public void setCompleted(long id) {
    sql.update(
        "update backfill set completed_at = now(), is_paused = false, updated_at = now()"
            + " where id = ?",
        id);
  }

  /** The backfill's runs that wait for their workflow to start. */
  public List<String> waitingRunIds(long id) {
    return sql.query(
        "select run_id from dag_run where backfill_id = ? and awaiting_start order by logical_date",
        rs -> rs.getString(1),
        id);
  }

  static BackfillRow row(ResultSet rs) throws SQLException {
    return new BackfillRow(
        rs.getLong("id"),
        rs.getString("dag_id"),
        rs.getObject("from_date", OffsetDateTime.class),
        rs.getObject("to_date", OffsetDateTime.class),
        JsonColumns.readMap(rs.getString("dag_run_conf")),
        rs.getString("reprocess_behavior"),
        rs.getInt("max_active_runs"),
        rs.getBoolean("run_backwards"),
        rs.getBoolean("is_paused"),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class),
        rs.getObject("completed_at", OffsetDateTime.class));
  }
}
