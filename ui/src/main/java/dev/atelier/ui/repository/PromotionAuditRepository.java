package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The {@code promotion_audit} table: append-only. */
@ApplicationScoped
public class PromotionAuditRepository {
  private static final String COLUMNS =
      "id, model_name, model_version, alias, mlflow_run_id, dag_id, dag_run_id, step, reason,"
          + " promoted_by, promoted_at";

  private final Sql sql;

  PromotionAuditRepository(Sql sql) {
    this.sql = sql;
  }

  /** Appends a row; {@code id} and {@code promotedAt} of the argument are ignored. */
  public PromotionAuditRow insert(PromotionAuditRow row) {
    return sql.queryOne(
            """
            insert into promotion_audit (model_name, model_version, alias, mlflow_run_id, dag_id,
              dag_run_id, step, reason, promoted_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            returning\s"""
                + COLUMNS,
            PromotionAuditRepository::row,
            row.modelName(),
            row.modelVersion(),
            row.alias(),
            row.mlflowRunId(),
            row.dagId(),
            row.dagRunId(),
            row.step(),
            row.reason(),
            row.promotedBy())
        .orElseThrow();
  }

  /** Newest first. */
  public List<PromotionAuditRow> list(String modelName, int limit) {
    return sql.query(
        "select "
            + COLUMNS
            + " from promotion_audit where (cast(? as text) is null or model_name = ?)"
            + " order by promoted_at desc, id desc limit ?",
        PromotionAuditRepository::row,
        modelName,
        modelName,
        limit);
  }

  public Optional<PromotionAuditRow> find(long id) {
    return sql.queryOne(
        "select " + COLUMNS + " from promotion_audit where id = ?",
        PromotionAuditRepository::row,
        id);
  }

  public Optional<PromotionAuditRow> latest(String modelName, String alias) {
    return sql.queryOne(
        "select "
            + COLUMNS
            + " from promotion_audit where model_name = ? and alias = ?"
            + " order by promoted_at desc, id desc limit 1",
        PromotionAuditRepository::row,
        modelName,
        alias);
  }

  private static PromotionAuditRow row(ResultSet rs) throws SQLException {
    long step = rs.getLong("step");
    return new PromotionAuditRow(
        rs.getLong("id"),
        rs.getString("model_name"),
        rs.getString("model_version"),
        rs.getString("alias"),
        rs.getString("mlflow_run_id"),
        rs.getString("dag_id"),
        rs.getString("dag_run_id"),
        rs.wasNull() ? null : step,
        rs.getString("reason"),
        rs.getString("promoted_by"),
        rs.getObject("promoted_at", OffsetDateTime.class));
  }
}
