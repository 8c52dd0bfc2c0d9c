package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Map;

/** The {@code dataset} and {@code dataset_event} tables. */
@ApplicationScoped
public class DatasetRepository {
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
            insert into dataset_event (dataset_id, extra) values (?, ?::jsonb)
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
            extraJson)
        .orElseThrow();
  }
}
