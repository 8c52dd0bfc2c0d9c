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

  /**
   * Inserts or refreshes a Dag's definition. A new Dag starts paused when {@code pausedIfNew}
   * (Airflow's {@code is_paused_upon_creation}); an existing row keeps its {@code is_paused}.
   */
  public void upsert(
      String dagId,
      String description,
      String schedule,
      List<String> tags,
      String definition,
      boolean pausedIfNew) {
    sql.update(
        """
        insert into dag (dag_id, description, schedule, tags, definition, updated_at, is_paused)
        values (?, ?, ?, ?::jsonb, ?::jsonb, now(), ?)
        on conflict (dag_id) do update set description = excluded.description,
          schedule = excluded.schedule, tags = excluded.tags, definition = excluded.definition,
          updated_at = now()
        """,
        dagId,
        description,
        schedule,
        JsonColumns.write(tags),
        definition,
        pausedIfNew);
  }

  /** Dags matching {@code filter}, one page of them. */
  public List<DagRow> list(DagFilter filter, Page page) {
    Where where = where(filter);
    return sql.query(
        "select "
            + COLUMNS
            + " from dag"
            + where.sql()
            + " order by "
            + page.orderBy()
            + " limit ? offset ?",
        DagRepository::row,
        where.argsThen(page.limit(), page.offset()));
  }

  public long count(DagFilter filter) {
    Where where = where(filter);
    return sql.count("select count(*) from dag" + where.sql(), where.args());
  }

  /**
   * @return false when no Dag has this id
   */
  public boolean setPaused(String dagId, boolean paused) {
    return sql.update("update dag set is_paused = ? where dag_id = ?", paused, dagId) == 1;
  }

  /** Airflow matches tags with "any of" and the id pattern as a case-insensitive substring. */
  private static Where where(DagFilter filter) {
    Where where = new Where().optional("is_paused", "=", filter.paused());
    if (filter.tags() != null && !filter.tags().isEmpty()) {
      // Any of the tags: one jsonb containment test per tag.
      List<String> tests = filter.tags().stream().map(t -> "tags @> ?::jsonb").toList();
      where.and(
          "(" + String.join(" or ", tests) + ")",
          filter.tags().stream().map(t -> JsonColumns.write(List.of(t))).toArray());
    }
    if (filter.dagIdPattern() != null && !filter.dagIdPattern().isEmpty()) {
      where.and("dag_id ilike ?", "%" + likeEscaped(filter.dagIdPattern()) + "%");
    }
    return where;
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
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
