package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Dag runs with their trial counts, for the sweeps page. */
@ApplicationScoped
public class SweepRepository {
  private final Sql sql;

  SweepRepository(Sql sql) {
    this.sql = sql;
  }

  /** Newest first. A trial is any mapped task instance; done means it reached a final state. */
  public List<SweepRow> recent(int limit) {
    return sql.query(
        """
        select r.dag_id, r.run_id, r.state, r.run_type, r.conf::text as conf, r.logical_date,
          r.run_after,
          r.data_interval_start, r.data_interval_end, r.start_date, r.end_date,
          r.external_trigger, r.workflow_id, r.note, r.awaiting_start,
          count(t.task_id) as trials,
          count(t.task_id) filter (where t.state in
            ('success', 'failed', 'skipped', 'upstream_failed', 'removed')) as done
        from dag_run r
        left join task_instance t
          on t.dag_id = r.dag_id and t.run_id = r.run_id and t.map_index >= 0
        group by r.dag_id, r.run_id
        order by coalesce(r.start_date, r.run_after) desc, r.run_id
        limit ?
        """,
        rs -> new SweepRow(DagRunRepository.row(rs), rs.getLong("trials"), rs.getLong("done")),
        limit);
  }
}
