package dev.atelier.ui.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code promotion_audit} table (append-only) and each row's {@code promotion_evidence}. The
 * promotion service calls {@link #lock}, {@link #insert} and {@link #insertEvidence} inside one
 * transaction, so the lock, the row and its evidence commit or vanish together.
 */
@ApplicationScoped
public class PromotionAuditRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, model_name, model_version, alias, mlflow_run_id, dag_id, dag_run_id, step, reason,"
          + " promoted_by, promoted_at, checkpoint_path, previous_version, logged_model_id";

  private final Sql sql;

  PromotionAuditRepository(Sql sql) {
    this.sql = sql;
  }

  /**
   * Waits for, then holds until the surrounding transaction ends, the lock that serialises the
   * promotions of one registered model. Must run inside a transaction: outside one it would be
   * released at once.
   */
  public void lock(String modelName) {
    sql.queryOne(
        "select pg_advisory_xact_lock(hashtextextended(?, 12))", rs -> Boolean.TRUE, modelName);
  }

  /** Appends a row; {@code id}, {@code promotedAt} and {@code evidence} are ignored. */
  public PromotionAuditRow insert(PromotionAuditRow row) {
    return sql.queryOne(
            """
            insert into promotion_audit (model_name, model_version, alias, mlflow_run_id, dag_id,
              dag_run_id, step, reason, promoted_by, checkpoint_path, previous_version,
              logged_model_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
            row.promotedBy(),
            row.checkpointPath(),
            row.previousVersion(),
            row.loggedModelId())
        .orElseThrow();
  }

  public void insertEvidence(long promotionId, PromotionAuditEvidence e) {
    sql.update(
        """
        insert into promotion_evidence (promotion_id, grid_path, grid_png, metrics, params,
          sheet_path, champion, review)
        values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, cast(? as jsonb), cast(? as jsonb))
        """,
        promotionId,
        e.gridPath(),
        e.gridPng(),
        JsonColumns.write(e.metrics() == null ? Map.of() : e.metrics()),
        JsonColumns.write(e.params() == null ? Map.of() : e.params()),
        e.sheetPath(),
        e.champion() == null ? null : JsonColumns.write(e.champion()),
        JsonColumns.write(e.review() == null ? Map.of() : e.review()));
  }

  /**
   * Replaces the review JSON (votes, comments) of a promotion's evidence; false when there is no
   * such promotion.
   */
  public boolean updateReview(long promotionId, Map<String, Object> review) {
    return sql.update(
            "update promotion_evidence set review = cast(? as jsonb) where promotion_id = ?",
            JsonColumns.write(review == null ? Map.of() : review),
            promotionId)
        == 1;
  }

  /** Newest first, without evidence. */
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

  /** The row with its evidence (null evidence for rows written before evidence was kept). */
  public Optional<PromotionAuditRow> find(long id) {
    return sql.queryOne(
            "select " + COLUMNS + " from promotion_audit where id = ?",
            PromotionAuditRepository::row,
            id)
        .map(r -> r.withEvidence(evidence(id).orElse(null)));
  }

  /** The kept copy of the grid at the promoted step. */
  public Optional<byte[]> grid(long id) {
    return sql.queryOne(
            "select grid_png from promotion_evidence where promotion_id = ?",
            rs -> Optional.ofNullable(rs.getBytes(1)),
            id)
        .flatMap(o -> o);
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

  /** The latest row for that model version (the promotion that registered it). */
  public Optional<PromotionAuditRow> forVersion(String modelName, String version) {
    return sql.queryOne(
        "select "
            + COLUMNS
            + " from promotion_audit where model_name = ? and model_version = ?"
            + " order by id desc limit 1",
        PromotionAuditRepository::row,
        modelName,
        version);
  }

  private Optional<PromotionAuditEvidence> evidence(long id) {
    return sql.queryOne(
        "select grid_path, grid_png is not null as has_grid, metrics::text, params::text,"
            + " sheet_path, champion::text, review::text from promotion_evidence"
            + " where promotion_id = ?",
        rs ->
            new PromotionAuditEvidence(
                rs.getString("grid_path"),
                rs.getBoolean("has_grid") ? "/api/atelier/promotions/" + id + "/grid.png" : null,
                null,
                read(rs.getString("metrics"), new TypeReference<Map<String, Double>>() {}),
                read(rs.getString("params"), new TypeReference<Map<String, String>>() {}),
                rs.getString("sheet_path"),
                rs.getString("champion") == null
                    ? null
                    : JsonColumns.readMap(rs.getString("champion")),
                JsonColumns.readMap(rs.getString("review"))),
        id);
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("promotion_evidence holds unreadable JSON", e);
    }
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
        rs.getObject("promoted_at", OffsetDateTime.class),
        rs.getString("checkpoint_path"),
        rs.getString("previous_version"),
        rs.getString("logged_model_id"),
        null);
  }
}
