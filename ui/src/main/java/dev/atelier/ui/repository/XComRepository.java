package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * XComs as stored on {@code task_instance}: the return value in {@code xcom}, keyed XComs in {@code
 * xcom_pushed} (one JSON object per instance). Read back one row per key, ordered by map index and
 * key, as Airflow's {@code xcomEntries} lists them.
 */
@ApplicationScoped
public class XComRepository {
  private static final String ENTRIES =
      """
      select t.task_id, t.map_index, x.key, x.value::text as value,
        coalesce(t.end_date, r.run_after) as end_date, r.logical_date, r.run_after
      from task_instance t
      join dag_run r on r.dag_id = t.dag_id and r.run_id = t.run_id
      cross join lateral (
        select 'return_value' as key, t.xcom as value where t.xcom is not null
        union all
        select p.key, p.value from jsonb_each(coalesce(t.xcom_pushed, '{}'::jsonb)) p
      ) x
      """;

  private final Sql sql;

  XComRepository(Sql sql) {
    this.sql = sql;
  }

  /** The instance's XComs (every map index when {@code mapIndex} is null), optionally one key. */
  public List<XComRow> entries(
      String dagId, String runId, String taskId, Integer mapIndex, String key) {
    Where where =
        new Where()
            .and("t.dag_id = ?", dagId)
            .and("t.run_id = ?", runId)
            .and("t.task_id = ?", taskId)
            .optional("t.map_index", "=", mapIndex)
            .optional("x.key", "=", key);
    return sql.query(
        ENTRIES + where.sql() + " order by t.map_index, x.key = 'return_value' desc, x.key",
        rs ->
            new XComRow(
                dagId,
                runId,
                rs.getString("task_id"),
                rs.getInt("map_index"),
                rs.getString("key"),
                rs.getString("value"),
                rs.getObject("end_date", java.time.OffsetDateTime.class),
                rs.getObject("logical_date", java.time.OffsetDateTime.class),
                rs.getObject("run_after", java.time.OffsetDateTime.class)),
        where.args());
  }
}
