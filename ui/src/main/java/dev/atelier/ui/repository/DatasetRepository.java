package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code dataset} and {@code dataset_event} tables. */
@ApplicationScoped
public class DatasetRepository {
  private static final String DATASET_COLUMNS =
      "id, uri, extra::text as extra, created_at, updated_at";
  static final String EVENT_COLUMNS =
      "e.id, e.dataset_id, d.uri, e.extra::text as extra, e.source_dag_id, e.source_task_id,"
          + " e.source_run_id, e.source_map_index, e.created_at";

  private final Sql sql;

  DatasetRepository(Sql sql) {
    this.sql = sql;
  }

  /**
   * Records an externally reported change: the dataset row is created on first sight, and the event
   * is stored in the same transaction so neither exists without the other.
   */
  @Transactional
  public DatasetEventRow recordEvent(String uri, Map<String, Object> extra) {
    return recordEvent(uri, extra, null, null, null, -1);
  }

  /**
   * Records a change, with the task instance that made it when a task's outlet did (Airflow's
   * source_dag_id, source_run_id, source_task_id, source_map_index; null and -1 for none).
   */
  @Transactional
  public DatasetEventRow recordEvent(
      String uri,
      Map<String, Object> extra,
      String sourceDagId,
      String sourceRunId,
      String sourceTaskId,
      int sourceMapIndex) {
    String extraJson = JsonColumns.write(extra);
    long datasetId =
        sql.queryOne(
                """
                insert into dataset (uri, extra) values (?, '{}'::jsonb)
                on conflict (uri) do update set updated_at = now()
                returning id
                """,
                rs -> rs.getLong(1),
                uri)
            .orElseThrow();
    return sql.queryOne(
            """
            insert into dataset_event (dataset_id, extra, source_dag_id, source_run_id,
                                       source_task_id, source_map_index)
            values (?, ?::jsonb, ?, ?, ?, ?)
            returning id, source_dag_id, source_task_id, source_run_id, source_map_index,
              created_at
            """,
            rs ->
                new DatasetEventRow(
                    rs.getLong("id"),
                    datasetId,
                    uri,
                    extra,
                    rs.getString("source_dag_id"),
                    rs.getString("source_task_id"),
                    rs.getString("source_run_id"),
                    rs.getInt("source_map_index"),
                    rs.getObject("created_at", OffsetDateTime.class)),
            datasetId,
            extraJson,
            sourceDagId,
            sourceRunId,
            sourceTaskId,
            sourceMapIndex)
        .orElseThrow();
  }

  /** Creates the dataset if no row has its URI yet, as Airflow does for a Dag's datasets. */
  public void ensure(String uri) {
    sql.update("insert into dataset (uri) values (?) on conflict (uri) do nothing", uri);
  }

  /** Datasets whose URI contains {@code uriPattern} (any when null), one page of them. */
  public List<DatasetRow> list(String uriPattern, Page page) {
    Where where = datasetWhere(uriPattern);
    return sql.query(
        "select "
            + DATASET_COLUMNS
            + " from dataset"
            + where.sql()
            + " order by "
            + page.orderBy()
            + " limit ? offset ?",
        DatasetRepository::dataset,
        where.argsThen(page.limit(), page.offset()));
  }

  public long count(String uriPattern) {
    Where where = datasetWhere(uriPattern);
    return sql.count("select count(*) from dataset" + where.sql(), where.args());
  }

  public Optional<DatasetRow> find(String uri) {
    return sql.queryOne(
        "select " + DATASET_COLUMNS + " from dataset where uri = ?",
        DatasetRepository::dataset,
        uri);
  }

  public List<DatasetEventRow> events(DatasetEventFilter filter, Page page) {
    Where where = eventWhere(filter);
    return sql.query(
        "select "
            + EVENT_COLUMNS
            + " from dataset_event e join dataset d on d.id = e.dataset_id"
            + where.sql()
            + " order by "
            + page.orderBy()
            + " limit ? offset ?",
        DatasetRepository::event,
        where.argsThen(page.limit(), page.offset()));
  }

  public long countEvents(DatasetEventFilter filter) {
    Where where = eventWhere(filter);
    return sql.count("select count(*) from dataset_event e" + where.sql(), where.args());
  }

  private static Where datasetWhere(String uriPattern) {
    Where where = new Where();
    if (uriPattern != null && !uriPattern.isEmpty()) {
      where.and("strpos(lower(uri), lower(?)) > 0", uriPattern);
    }
    return where;
  }

  private static Where eventWhere(DatasetEventFilter f) {
    return new Where()
        .optional("e.dataset_id", "=", f.datasetId())
        .optional("e.source_dag_id", "=", f.sourceDagId())
        .optional("e.source_task_id", "=", f.sourceTaskId())
        .optional("e.source_run_id", "=", f.sourceRunId())
        .optional("e.source_map_index", "=", f.sourceMapIndex());
  }

  private static DatasetRow dataset(ResultSet rs) throws SQLException {
    return new DatasetRow(
        rs.getLong("id"),
        rs.getString("uri"),
        JsonColumns.readMap(rs.getString("extra")),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }

  static DatasetEventRow event(ResultSet rs) throws SQLException {
    return new DatasetEventRow(
        rs.getLong("id"),
        rs.getLong("dataset_id"),
        rs.getString("uri"),
        JsonColumns.readMap(rs.getString("extra")),
        rs.getString("source_dag_id"),
        rs.getString("source_task_id"),
        rs.getString("source_run_id"),
        rs.getInt("source_map_index"),
        rs.getObject("created_at", OffsetDateTime.class));
  }
}
