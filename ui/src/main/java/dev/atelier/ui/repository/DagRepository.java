package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The {@code dag} table: what the code defines, plus the operator's pause switch. */
@ApplicationScoped
public class DagRepository {
  private static final String COLUMNS =
      "dag_id, is_paused, description, schedule, tags::text as tags, updated_at";

  private final Sql sql;

  DagRepository(Sql sql) {
    this.sql = sql;
  }

  /** Inserts or refreshes a Dag's definition; an existing row keeps its {@code is_paused}. */
  public void upsert(
      String dagId, String description, String schedule, List<String> tags, String definition) {
    sql.update(
        """
        insert into dag (dag_id, description, schedule, tags, definition, updated_at)
        values (?, ?, ?, ?::jsonb, ?::jsonb, now())
        on conflict (dag_id) do update set description = excluded.description,
          schedule = excluded.schedule, tags = excluded.tags, definition = excluded.definition,
          updated_at = now()
        """,
        dagId,
        description,
        schedule,
        JsonColumns.write(tags),
        definition);
  }

  public List<DagRow> list(int limit, int offset) {
    return sql.query(
        "select " + COLUMNS + " from dag order by dag_id limit ? offset ?",
        DagRepository::row,
        limit,
        offset);
  }

  public long count() {
    return sql.count("select count(*) from dag");
  }

  public Optional<DagRow> find(String dagId) {
    return sql.queryOne(
        "select " + COLUMNS + " from dag where dag_id = ?", DagRepository::row, dagId);
  }

  private static DagRow row(ResultSet rs) throws SQLException {
    return new DagRow(
        rs.getString("dag_id"),
        rs.getBoolean("is_paused"),
        rs.getString("description"),
        rs.getString("schedule"),
        JsonColumns.readStrings(rs.getString("tags")),
        rs.getObject("updated_at", OffsetDateTime.class));
  }
}
