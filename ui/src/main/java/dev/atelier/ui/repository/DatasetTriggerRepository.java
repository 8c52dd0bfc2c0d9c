package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What dataset-scheduled Dags have consumed ({@code dag_dataset_watermark}) and which runs consumed
 * which events ({@code dag_run_dataset_event}). A Dag's queued events are the events of its
 * datasets after its watermark for that dataset.
 */
@ApplicationScoped
public class DatasetTriggerRepository {
  private final Sql sql;

  DatasetTriggerRepository(Sql sql) {
    this.sql = sql;
  }

  /**
   * Schedules the Dag on exactly these datasets. A dataset new to the Dag starts at its latest
   * event, so events from before the Dag was scheduled on it never trigger it; datasets the Dag no
   * longer mentions are forgotten.
   */
  public void register(String dagId, Collection<String> uris) {
    sql.update(
        "delete from dag_dataset_watermark where dag_id = ? and not (uri = any(?::text[]))",
        dagId,
        uris.toArray(String[]::new));
    for (String uri : uris) {
      sql.update(
          """
          insert into dag_dataset_watermark (dag_id, uri, consumed_event_id)
          values (?, ?, (select coalesce(max(e.id), 0) from dataset_event e
                         join dataset d on d.id = e.dataset_id where d.uri = ?))
          on conflict (dag_id, uri) do nothing
          """,
          dagId,
          uri,
          uri);
    }
  }

  /**
   * The Dag is scheduled on one more dataset (an alias it is scheduled on resolved to it): from the
   * dataset's latest event on, as {@link #register} starts; nothing changes if it already was.
   */
  public void watch(String dagId, String uri) {
    sql.update(
        """
        insert into dag_dataset_watermark (dag_id, uri, consumed_event_id)
        values (?, ?, (select coalesce(max(e.id), 0) from dataset_event e
                       join dataset d on d.id = e.dataset_id where d.uri = ?))
        on conflict (dag_id, uri) do nothing
        """,
        dagId,
        uri,
        uri);
  }

  /** The Dag is no longer scheduled on datasets. */
  public void unregister(String dagId) {
    sql.update("delete from dag_dataset_watermark where dag_id = ?", dagId);
  }

  /**
   * Locks the Dag's watermarks until the caller's transaction ends (so two evaluations never
   * consume the same events) and answers the events queued for it, oldest first.
   */
  public List<DatasetEventRow> lockQueued(String dagId) {
    sql.query(
        "select uri from dag_dataset_watermark where dag_id = ? for update",
        rs -> rs.getString(1),
        dagId);
    return sql.query(
        "select "
            + DatasetRepository.EVENT_COLUMNS
            + " from dag_dataset_watermark w join dataset d on d.uri = w.uri"
            + " join dataset_event e on e.dataset_id = d.id and e.id > w.consumed_event_id"
            + " where w.dag_id = ? order by e.id",
        DatasetRepository::event,
        dagId);
  }

  /** The run consumed these events: they become its triggering events and leave the queue. */
  public void consume(String dagId, String runId, List<DatasetEventRow> events) {
    long last = 0;
    for (DatasetEventRow event : events) {
      sql.update(
          "insert into dag_run_dataset_event (dag_id, run_id, event_id) values (?, ?, ?)",
          dagId,
          runId,
          event.id());
      last = Math.max(last, event.id());
    }
    sql.update(
        """
        update dag_dataset_watermark set consumed_event_id = greatest(consumed_event_id, ?)
        where dag_id = ?
        """,
        last,
        dagId);
  }

  /** The events the run consumed: what triggered it (Airflow's upstream asset events). */
  public List<DatasetEventRow> triggeringEvents(String dagId, String runId) {
    return sql.query(
        "select "
            + DatasetRepository.EVENT_COLUMNS
            + " from dag_run_dataset_event l join dataset_event e on e.id = l.event_id"
            + " join dataset d on d.id = e.dataset_id"
            + " where l.dag_id = ? and l.run_id = ? order by e.id",
        DatasetRepository::event,
        dagId,
        runId);
  }

  /** Per event id, the runs that consumed the event (Airflow's {@code created_dagruns}). */
  public Map<Long, List<DagRunRow>> createdRuns(Collection<Long> eventIds) {
    Map<Long, List<DagRunRow>> byEvent = new LinkedHashMap<>();
    if (eventIds.isEmpty()) {
      return byEvent;
    }
    sql.query(
        "select l.event_id, r.* from dag_run_dataset_event l join (select "
            + DagRunRepository.COLUMNS
            + ", id from dag_run) r on r.dag_id = l.dag_id and r.run_id = l.run_id"
            + " where l.event_id = any(?::bigint[]) order by l.event_id, r.id",
        rs -> {
          byEvent
              .computeIfAbsent(rs.getLong("event_id"), k -> new ArrayList<>())
              .add(DagRunRepository.row(rs));
          return null;
        },
        (Object) eventIds.toArray(Long[]::new));
    return byEvent;
  }

  /**
   * Airflow 3's queued events: per Dag and asset, the events the Dag has not consumed yet, with the
   * time of the oldest (when the pair entered the queue). Null filters mean any Dag, any asset, no
   * time bound.
   */
  public List<QueuedAssetEvent> queued(String dagId, Long datasetId, OffsetDateTime before) {
    Where where = queuedWhere(dagId, datasetId, before);
    return sql.query(
        "select w.dag_id, d.id as dataset_id, d.uri, min(e.created_at) as created_at"
            + QUEUED_FROM
            + where.sql()
            + " group by w.dag_id, d.id, d.uri order by w.dag_id, d.id",
        rs ->
            new QueuedAssetEvent(
                rs.getString("dag_id"),
                rs.getLong("dataset_id"),
                rs.getString("uri"),
                rs.getObject("created_at", OffsetDateTime.class)),
        where.args());
  }

  /**
   * Drops queued events (Airflow 3's DELETE .../queuedEvents): the Dag's watermark on the asset
   * moves past them, so they never trigger it; the events themselves stay. Answers how many Dag and
   * asset pairs had events dropped.
   */
  public int dropQueued(String dagId, Long datasetId, OffsetDateTime before) {
    Where where = queuedWhere(dagId, datasetId, before);
    return sql.update(
        "update dag_dataset_watermark t set consumed_event_id = greatest(t.consumed_event_id,"
            + " q.last_id) from (select w.dag_id, w.uri, max(e.id) as last_id"
            + QUEUED_FROM
            + where.sql()
            + " group by w.dag_id, w.uri) q where t.dag_id = q.dag_id and t.uri = q.uri",
        where.args());
  }

  private static final String QUEUED_FROM =
      " from dag_dataset_watermark w join dataset d on d.uri = w.uri"
          + " join dataset_event e on e.dataset_id = d.id and e.id > w.consumed_event_id";

  private static Where queuedWhere(String dagId, Long datasetId, OffsetDateTime before) {
    return new Where()
        .optional("w.dag_id", "=", dagId)
        .optional("d.id", "=", datasetId)
        .optional("e.created_at", "<", before);
  }
}
