package dev.atelier.ui.repository;

import dev.atelier.workflows.schedule.DataInterval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The {@code dag_run} table. */
@ApplicationScoped
public class DagRunRepository {
  static final String COLUMNS =
      "dag_id, run_id, state, run_type, conf::text as conf, logical_date, run_after,"
          + " data_interval_start, data_interval_end, start_date, end_date, external_trigger, workflow_id, note,"
          + " awaiting_start";

  private final Sql sql;

  DagRunRepository(Sql sql) {
    this.sql = sql;
  }

  /**
   * Stores a new run under its Dag's latest version ({@code dag_version_id}).
   *
   * @return false when a run with this id already exists for the Dag (nothing is written)
   */
  public boolean insert(DagRunRow run) {
    // "on conflict do nothing" rather than catching the violation: inside a transaction a failed
    // statement would abort everything else the transaction did.
    return sql.update(
            """
            insert into dag_run (dag_id, run_id, state, run_type, conf, logical_date, run_after,
              data_interval_start, data_interval_end, start_date, end_date, external_trigger,
              workflow_id, note, awaiting_start, dag_version_id)
            values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
              (select id from dag_version where dag_id = ? order by version_number desc limit 1))
            on conflict (dag_id, run_id) do nothing
            """,
            run.dagId(),
            run.runId(),
            run.state(),
            run.runType(),
            JsonColumns.write(run.conf()),
            run.logicalDate(),
            run.runAfter(),
            run.dataIntervalStart(),
            run.dataIntervalEnd(),
            run.startDate(),
            run.endDate(),
            run.externalTrigger(),
            run.workflowId(),
            run.note(),
            run.awaitingStart(),
            run.dagId())
        == 1;
  }

  /**
   * Inserts every run in one transaction (a backfill's runs are all stored or none).
   *
   * @return the runs that were new (a run id that exists already is left as it is)
   */
  @Transactional
  public List<DagRunRow> insertAll(List<DagRunRow> runs) {
    return runs.stream().filter(this::insert).toList();
  }

  /** Removes the run and, by the foreign key's cascade, its task instances. */
  public boolean delete(String dagId, String runId) {
    return sql.update("delete from dag_run where dag_id = ? and run_id = ?", dagId, runId) == 1;
  }

  public Optional<DagRunRow> find(String dagId, String runId) {
    return sql.queryOne(
        "select " + COLUMNS + " from dag_run where dag_id = ? and run_id = ?",
        DagRunRepository::row,
        dagId,
        runId);
  }

  /** Another run of the Dag at this logical date, if any (Airflow allows one per date). */
  public Optional<String> runIdAt(String dagId, OffsetDateTime logicalDate) {
    return sql.queryOne(
        "select run_id from dag_run where dag_id = ? and logical_date = ?",
        rs -> rs.getString(1),
        dagId,
        logicalDate);
  }

  public List<DagRunRow> list(String dagId, DagRunFilter filter, Page page) {
    return list(where(dagId, filter), page);
  }

  public long count(String dagId, DagRunFilter filter) {
    return count(where(dagId, filter));
  }

  /**
   * Runs matching a filter built by the caller over {@code dag_run}'s columns (Airflow 3's batch
   * listing, whose filters are richer than {@link DagRunFilter}).
   */
  public List<DagRunRow> list(Where where, Page page) {
    return sql.query(
        "select "
            + COLUMNS
            + " from dag_run"
            + where.sql()
            + " order by "
            + page.orderBy()
            + " limit ? offset ?",
        DagRunRepository::row,
        where.argsThen(page.limit(), page.offset()));
  }

  public long count(Where where) {
    return sql.count("select count(*) from dag_run" + where.sql(), where.args());
  }

  /** Runs that wait for their workflow to start, earliest {@code run_after} first. */
  public List<DagRunRow> awaitingStart(String dagId) {
    // A backfill's runs wait while it is paused, and start only as far as its own max_active_runs
    // allows (its active runs counted), newest first when it runs backwards.
    return sql.query(
        """
        select %s from (
          select r.*, b.id as bf, b.max_active_runs as bf_max, b.run_backwards as bf_back,
            row_number() over (partition by r.backfill_id order by
              case when b.run_backwards then r.logical_date end desc, r.logical_date, r.id) as bf_rank,
            (select count(*) from dag_run a where a.backfill_id = r.backfill_id
              and a.state in ('queued', 'running') and not a.awaiting_start) as bf_active
          from dag_run r left join backfill b on b.id = r.backfill_id
          where r.dag_id = ? and r.awaiting_start
            and (b.id is null or (not b.is_paused and b.completed_at is null))
        ) w
        where bf is null or bf_rank <= bf_max - bf_active
        order by case when bf_back then null else run_after end nulls last,
          run_after desc, id
        """
            .formatted(COLUMNS),
        DagRunRepository::row,
        dagId);
  }

  /** The Dags that have runs waiting for their workflow to start. */
  public List<String> dagsWithWaitingRuns() {
    return sql.query(
        "select distinct dag_id from dag_run where awaiting_start order by dag_id",
        rs -> rs.getString(1));
  }

  /** Runs whose workflow was started and has not finished: they hold max_active_runs slots. */
  public List<DagRunRow> active(String dagId) {
    return sql.query(
        "select "
            + COLUMNS
            + " from dag_run where dag_id = ? and state in ('queued', 'running')"
            + " and not awaiting_start order by run_after",
        DagRunRepository::row,
        dagId);
  }

  /** Every run, of any Dag, whose workflow was started and whose row says it has not ended. */
  public List<DagRunRow> unfinishedStarted() {
    return sql.query(
        "select "
            + COLUMNS
            + " from dag_run where state in ('queued', 'running') and not awaiting_start"
            + " order by dag_id, run_after",
        DagRunRepository::row);
  }

  /** Ends a run as Temporal says it ended, adding why to its note ({@code RunReconciler}). */
  public void endFromTemporal(String dagId, String runId, String state, String why) {
    sql.update(
        """
        update dag_run set state = ?, end_date = coalesce(end_date, now()),
          note = coalesce(note || E'\n', '') || ?
        where dag_id = ? and run_id = ? and state in ('queued', 'running')
        """,
        state,
        why,
        dagId,
        runId);
  }

  /**
   * The data interval of the Dag's latest scheduled (or backfill) run, Airflow's "last automated".
   */
  public Optional<DataInterval> lastAutomatedInterval(String dagId) {
    return sql.queryOne(
        """
        select data_interval_start, data_interval_end from dag_run
        where dag_id = ? and run_type in ('scheduled', 'backfill')
          and data_interval_start is not null and data_interval_end is not null
        order by data_interval_end desc, run_after desc limit 1
        """,
        rs ->
            new DataInterval(
                rs.getObject(1, OffsetDateTime.class).toInstant(),
                rs.getObject(2, OffsetDateTime.class).toInstant()),
        dagId);
  }

  /** The run's workflow was started: it no longer waits. */
  public void markStarted(String dagId, String runId) {
    sql.update(
        "update dag_run set awaiting_start = false where dag_id = ? and run_id = ?", dagId, runId);
  }

  /** A run that can never start (its conf no longer fits the params) fails with the reason. */
  public void failUnstarted(String dagId, String runId, String reason) {
    sql.update(
        """
        update dag_run set state = 'failed', end_date = now(), awaiting_start = false,
          note = coalesce(note || E'\n', '') || ?
        where dag_id = ? and run_id = ?
        """,
        reason,
        dagId,
        runId);
  }

  /**
   * Sets a final state by hand, as Airflow's {@code DagRun.set_state} does: the end date becomes
   * now, and a run that waited for an unpause no longer does.
   */
  public void setFinalState(String dagId, String runId, String state) {
    sql.update(
        """
        update dag_run set state = ?, end_date = now(), awaiting_start = false
        where dag_id = ? and run_id = ?
        """,
        state,
        dagId,
        runId);
  }

  /** Back to queued, waiting for another run of its workflow: no start or end date yet. */
  public void requeue(String dagId, String runId) {
    sql.update(
        """
        update dag_run set state = 'queued', start_date = null, end_date = null,
          awaiting_start = true
        where dag_id = ? and run_id = ?
        """,
        dagId,
        runId);
  }

  /** The run's note (Airflow 3's PATCH dagRun {@code note}); null removes it. */
  public void setNote(String dagId, String runId, String note) {
    sql.update("update dag_run set note = ? where dag_id = ? and run_id = ?", note, dagId, runId);
  }

  /** {@code dagId} null: the runs of every Dag (Airflow's {@code ~}). */
  private static Where where(String dagId, DagRunFilter f) {
    return new Where()
        .optional("dag_id", "=", dagId)
        .anyOf("state", f.states())
        .optional("logical_date", ">=", f.logicalDateGte())
        .optional("logical_date", "<=", f.logicalDateLte())
        .optional("run_after", ">=", f.runAfterGte())
        .optional("run_after", "<=", f.runAfterLte())
        .optional("start_date", ">=", f.startDateGte())
        .optional("start_date", "<=", f.startDateLte())
        .optional("end_date", ">=", f.endDateGte())
        .optional("end_date", "<=", f.endDateLte());
  }

  static DagRunRow row(ResultSet rs) throws SQLException {
    return new DagRunRow(
        rs.getString("dag_id"),
        rs.getString("run_id"),
        rs.getString("state"),
        rs.getString("run_type"),
        JsonColumns.readMap(rs.getString("conf")),
        rs.getObject("logical_date", OffsetDateTime.class),
        rs.getObject("run_after", OffsetDateTime.class),
        rs.getObject("data_interval_start", OffsetDateTime.class),
        rs.getObject("data_interval_end", OffsetDateTime.class),
        rs.getObject("start_date", OffsetDateTime.class),
        rs.getObject("end_date", OffsetDateTime.class),
        rs.getBoolean("external_trigger"),
        rs.getString("workflow_id"),
        rs.getString("note"),
        rs.getBoolean("awaiting_start"));
  }
}
