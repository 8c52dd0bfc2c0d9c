package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The {@code pool} table: pools created, edited or deleted through the API. */
@ApplicationScoped
public class PoolRepository {
  private static final String COLUMNS = "name, slots, description, include_deferred, deleted";

  private final Sql sql;

  PoolRepository(Sql sql) {
    this.sql = sql;
  }

  public List<PoolRow> all() {
    return sql.query("select " + COLUMNS + " from pool order by name", PoolRepository::row);
  }

  public Optional<PoolRow> find(String name) {
    return sql.queryOne(
        "select " + COLUMNS + " from pool where name = ?", PoolRepository::row, name);
  }

  /** Writes the row whole (an edit, a new pool, or a deleted one's marker). */
  public void put(PoolRow row) {
    sql.update(
        """
        insert into pool (name, slots, description, include_deferred, deleted)
        values (?, ?, ?, ?, ?)
        on conflict (name) do update set slots = excluded.slots,
          description = excluded.description, include_deferred = excluded.include_deferred,
          deleted = excluded.deleted, updated_at = now()
        """,
        row.name(),
        row.slots(),
        row.description(),
        row.includeDeferred(),
        row.deleted());
  }

  /**
   * Stores a new pool unless one of the name is stored and not deleted.
   *
   * @return false when the name is taken (nothing is written)
   */
  public boolean create(PoolRow row) {
    return sql.update(
            """
            insert into pool (name, slots, description, include_deferred, deleted)
            values (?, ?, ?, ?, false)
            on conflict (name) do update set slots = excluded.slots,
              description = excluded.description, include_deferred = excluded.include_deferred,
              deleted = false, updated_at = now()
            where pool.deleted
            """,
            row.name(),
            row.slots(),
            row.description(),
            row.includeDeferred())
        == 1;
  }

  public void remove(String name) {
    sql.update("delete from pool where name = ?", name);
  }

  private static PoolRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new PoolRow(
        rs.getString("name"),
        rs.getInt("slots"),
        rs.getString("description"),
        rs.getBoolean("include_deferred"),
        rs.getBoolean("deleted"));
  }
}
