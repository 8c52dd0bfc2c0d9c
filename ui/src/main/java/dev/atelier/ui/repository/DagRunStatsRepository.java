package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every Dag's run counts and latest runs in two queries, for the Dags page. */
@ApplicationScoped
public class DagRunStatsRepository {
  private final Sql sql;

  DagRunStatsRepository(Sql sql) {
    this.sql = sql;
  }

  /** Per Dag id; Dags without runs are absent. {@code recent}: newest first. */
  public Map<String, DagRunStats> all(int recent) {
    Map<String, int[]> counts = new HashMap<>();
    sql.query(
        """
        select dag_id,
          count(*) filter (where state in ('queued', 'running') and not awaiting_start) as active,
          count(*) filter (where awaiting_start) as waiting
        from dag_run group by dag_id
        """,
        rs -> counts.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)}));
    Map<String, DagRunStats> stats = new LinkedHashMap<>();
    sql.query(
        "select * from (select "
            + DagRunRepository.COLUMNS
            + ", row_number() over (partition by dag_id order by id desc) as n from dag_run) r"
            + " where n <= ? order by dag_id, n",
        rs -> {
          DagRunRow row = DagRunRepository.row(rs);
          int[] c = counts.getOrDefault(row.dagId(), new int[2]);
          stats
              .computeIfAbsent(row.dagId(), k -> new DagRunStats(c[0], c[1], new ArrayList<>()))
              .recent()
              .add(row);
          return null;
        },
        recent);
    return stats;
  }
}
