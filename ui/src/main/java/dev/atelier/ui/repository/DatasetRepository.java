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

  /** Airflow 3's asset list: one page of the datasets the filter keeps. */
  public List<DatasetRow> list(AssetFilter filter, Page page) {
    Where where = assetWhere(filter);
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

  /** The URIs of every dataset the filter keeps. */
  public java.util.Set<String> uris(AssetFilter filter) {
    Where where = assetWhere(filter);
    return new java.util.LinkedHashSet<>(
        sql.query("select uri from dataset" + where.sql(), rs -> rs.getString(1), where.args()));
  }

  public long count(AssetFilter filter) {
    Where where = assetWhere(filter);
    return sql.count("select count(*) from dataset" + where.sql(), where.args());
  }

  public Optional<DatasetRow> find(long id) {
    return sql.queryOne(
        "select " + DATASET_COLUMNS + " from dataset where id = ?", DatasetRepository::dataset, id);
  }

  /** Per dataset id, its latest event (Airflow 3's {@code last_asset_event}). */
  public Map<Long, DatasetEventRow> lastEvents(java.util.Collection<Long> datasetIds) {
    Map<Long, DatasetEventRow> out = new java.util.LinkedHashMap<>();
    if (datasetIds.isEmpty()) {
      return out;
    }
    sql.query(
        "select distinct on (e.dataset_id) "
            + EVENT_COLUMNS
            + " from dataset_event e join dataset d on d.id = e.dataset_id"
            + " where e.dataset_id = any(?::bigint[]) order by e.dataset_id, e.id desc",
        rs -> {
          DatasetEventRow e = event(rs);
          out.put(e.datasetId(), e);
          return null;
        },
        (Object) datasetIds.toArray(Long[]::new));
    return out;
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
    Where where =
        new Where()
            .optional("e.dataset_id", "=", f.datasetId())
            .optional("e.source_dag_id", "=", f.sourceDagId())
            .optional("e.source_task_id", "=", f.sourceTaskId())
            .optional("e.source_run_id", "=", f.sourceRunId())
            .optional("e.source_map_index", "=", f.sourceMapIndex())
            .optional("e.created_at", ">=", f.timestampGte())
            .optional("e.created_at", ">", f.timestampGt())
            .optional("e.created_at", "<=", f.timestampLte())
            .optional("e.created_at", "<", f.timestampLt());
    if (f.datasetUris() != null) {
      where.and(
          "e.dataset_id in (select id from dataset where uri = any(?::text[]))",
          (Object) f.datasetUris().toArray(String[]::new));
    }
    return where;
  }

  private static Where assetWhere(AssetFilter f) {
    Where where = new Where();
    if (f.uriPattern() != null && !f.uriPattern().isEmpty()) {
      where.and("strpos(lower(uri), lower(?)) > 0", f.uriPattern());
    }
    if (f.uriPrefix() != null && !f.uriPrefix().isEmpty()) {
      where.and("left(uri, length(?)) = ?", f.uriPrefix(), f.uriPrefix());
    }
    String undeclared = "not (uri = any(?::text[]))";
    if (f.namePattern() != null && !f.namePattern().isEmpty()) {
      where.and(
          "(uri = any(?::text[]) or (" + undeclared + " and strpos(lower(uri), lower(?)) > 0))",
          f.nameLikeUris().toArray(String[]::new),
          f.declaredUris().toArray(String[]::new),
          f.namePattern());
    }
    if (f.namePrefix() != null && !f.namePrefix().isEmpty()) {
      where.and(
          "(uri = any(?::text[]) or (" + undeclared + " and left(uri, length(?)) = ?))",
          f.nameFromUris().toArray(String[]::new),
          f.declaredUris().toArray(String[]::new),
          f.namePrefix(),
          f.namePrefix());
    }
    if (f.onlyUris() != null) {
      where.and("uri = any(?::text[])", (Object) f.onlyUris().toArray(String[]::new));
    }
    return where;
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
