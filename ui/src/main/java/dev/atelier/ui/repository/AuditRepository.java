package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The {@code audit_log} table: append-only. */
@ApplicationScoped
public class AuditRepository {
  private static final String COLUMNS = "id, at, actor, action, target, source, detail::text";

  private final Sql sql;

  AuditRepository(Sql sql) {
    this.sql = sql;
  }

  /** Appends a row; {@code id} and {@code at} of the argument are ignored. */
  public AuditRow insert(AuditRow row) {
    return sql.queryOne(
            "insert into audit_log (actor, action, target, source, detail)"
                + " values (?, ?, ?, ?, cast(? as jsonb)) returning "
                + COLUMNS,
            AuditRepository::row,
            row.actor(),
            row.action(),
            row.target(),
            row.source(),
            JsonColumns.write(row.detail()))
        .orElseThrow();
  }

  /**
   * Newest first; each filter is optional (null): the actor, the action, and a target prefix
   * ({@code dag/emoji_gan} matches every run of that Dag).
   */
  public List<AuditRow> list(String actor, String action, String targetPrefix, int limit) {
    return sql.query(
        "select "
            + COLUMNS
            + " from audit_log where (cast(? as text) is null or actor = ?)"
            + " and (cast(? as text) is null or action = ?)"
            + " and (cast(? as text) is null or target = ? or target like ? || '/%' escape '\\')"
            + " order by at desc, id desc limit ?",
        AuditRepository::row,
        actor,
        actor,
        action,
        action,
        targetPrefix,
        targetPrefix,
        targetPrefix == null ? null : likeLiteral(targetPrefix),
        limit);
  }

  /** A prefix matched as written: dag ids are full of '_', which LIKE reads as "any character". */
  private static String likeLiteral(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static AuditRow row(ResultSet rs) throws SQLException {
    return new AuditRow(
        rs.getLong(1),
        rs.getObject(2, java.time.OffsetDateTime.class),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        JsonColumns.readMap(rs.getString(7)));
  }
}
