package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code dag_version} table, and which version each {@code dag_run} was created under. */
@ApplicationScoped
public class DagVersionRepository {
  private static final String COLUMNS =
      "id, dag_id, version_number, digest, bundle_version, created_at";

  private final Sql sql;

  DagVersionRepository(Sql sql) {
    this.sql = sql;
  }

  /** Serialises version numbering per Dag for the caller's transaction (across app instances). */
  public void lock(String dagId) {
    sql.queryOne(
        "select pg_advisory_xact_lock(hashtext(?))", rs -> 1, "atelier.dagversion:" + dagId);
  }

  public Optional<DagVersionRow> latest(String dagId) {
    return sql.queryOne(
        "select "
            + COLUMNS
            + " from dag_version where dag_id = ? order by version_number desc limit 1",
        DagVersionRepository::row,
        dagId);
  }

  public DagVersionRow insert(
      String dagId, int versionNumber, String digest, String bundleVersion, String definition) {
    return sql.queryOne(
            "insert into dag_version (dag_id, version_number, digest, bundle_version, definition)"
                + " values (?, ?, ?, ?, ?::jsonb) returning "
                + COLUMNS,
            DagVersionRepository::row,
            dagId,
            versionNumber,
            digest,
            bundleVersion,
            definition)
        .orElseThrow();
  }

  public Optional<DagVersionRow> find(String dagId, int versionNumber) {
    return sql.queryOne(
        "select " + COLUMNS + " from dag_version where dag_id = ? and version_number = ?",
        DagVersionRepository::row,
        dagId,
        versionNumber);
  }

  /**
   * @param orderBy SQL order from the HTTP layer's whitelist
   */
  public List<DagVersionRow> list(String dagId, Integer versionNumber, Page page) {
    return sql.query(
        "select "
            + COLUMNS
            + " from dag_version where dag_id = ? and (?::integer is null or version_number = ?)"
            + " order by "
            + page.orderBy()
            + " limit ? offset ?",
        DagVersionRepository::row,
        dagId,
        versionNumber,
        versionNumber,
        page.limit(),
        page.offset());
  }

  public long count(String dagId, Integer versionNumber) {
    return sql.count(
        "select count(*) from dag_version where dag_id = ?"
            + " and (?::integer is null or version_number = ?)",
        dagId,
        versionNumber,
        versionNumber);
  }

  /** The version a run was created under; empty for runs from before versions were recorded. */
  public Optional<DagVersionRow> ofRun(String dagId, String runId) {
    return sql.queryOne(
        "select v.id, v.dag_id, v.version_number, v.digest, v.bundle_version, v.created_at"
            + " from dag_run r join dag_version v on v.id = r.dag_version_id"
            + " where r.dag_id = ? and r.run_id = ?",
        DagVersionRepository::row,
        dagId,
        runId);
  }

  static DagVersionRow row(ResultSet rs) throws SQLException {
    return new DagVersionRow(
        rs.getObject("id", UUID.class),
        rs.getString("dag_id"),
        rs.getInt("version_number"),
        rs.getString("digest"),
        rs.getString("bundle_version"),
        rs.getObject("created_at", OffsetDateTime.class));
  }
}
