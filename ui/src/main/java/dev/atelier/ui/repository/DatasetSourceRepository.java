package dev.atelier.ui.repository;

import dev.atelier.activities.datasets.ManifestEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dataset_source}, {@code dataset_version} and {@code dataset_version_manifest} tables.
 */
@ApplicationScoped
public class DatasetSourceRepository {
  private static final String SOURCE_COLUMNS =
      "s.id, s.name, s.kind, s.uri, d.uri as dataset_uri, s.quiet_seconds, s.min_image_size,"
          + " s.min_class_size, s.near_dup_distance, s.exclude_duplicates, s.exclude_rejects,"
          + " s.listing_digest, s.last_error, s.last_checked_at, s.created_at";
  private static final String SOURCE_FROM =
      " from dataset_source s join dataset d on d.id = s.dataset_id";
  private static final String VERSION_COLUMNS =
      "v.id, s.name as source, v.number, v.digest, v.file_count, v.bytes, v.classes::text as"
          + " classes, v.added_count, v.removed_count, v.modified_count, v.added::text as added,"
          + " v.removed::text as removed, v.modified::text as modified, v.curation::text as"
          + " curation, v.event_id, v.created_at";
  private static final String VERSION_FROM =
      " from dataset_version v join dataset_source s on s.id = v.source_id";

  private final Sql sql;

  DatasetSourceRepository(Sql sql) {
    this.sql = sql;
  }

  /**
   * Creates the source and, if it has no row yet, its dataset; answers empty when the name is
   * taken.
   */
  @Transactional
  public Optional<DatasetSourceRow> insertIfAbsent(
      String name,
      String kind,
      String uri,
      String datasetUri,
      int quietSeconds,
      int minImageSize,
      int minClassSize,
      int nearDupDistance,
      boolean excludeDuplicates,
      boolean excludeRejects) {
    sql.update("insert into dataset (uri) values (?) on conflict (uri) do nothing", datasetUri);
    int inserted =
        sql.update(
            """
            insert into dataset_source (name, kind, uri, dataset_id, quiet_seconds,
              min_image_size, min_class_size, near_dup_distance, exclude_duplicates,
              exclude_rejects)
            select ?, ?, ?, id, ?, ?, ?, ?, ?, ? from dataset where uri = ?
            on conflict (name) do nothing
            """,
            name,
            kind,
            uri,
            quietSeconds,
            minImageSize,
            minClassSize,
            nearDupDistance,
            excludeDuplicates,
            excludeRejects,
            datasetUri);
    return inserted == 0 ? Optional.empty() : find(name);
  }

  public Optional<DatasetSourceRow> find(String name) {
    return sql.queryOne(
        "select " + SOURCE_COLUMNS + SOURCE_FROM + " where s.name = ?",
        DatasetSourceRepository::source,
        name);
  }

  public List<DatasetSourceRow> list() {
    return sql.query(
        "select " + SOURCE_COLUMNS + SOURCE_FROM + " order by s.name",
        DatasetSourceRepository::source);
  }

  /** Sets whether training leaves the source's duplicates and rejects out. */
  public void setExclusions(long sourceId, boolean duplicates, boolean rejects) {
    sql.update(
        "update dataset_source set exclude_duplicates = ?, exclude_rejects = ? where id = ?",
        duplicates,
        rejects,
        sourceId);
  }

  /**
   * After a check: the listing it saw (null when the source could not be listed, so the next
   * listing that works is scanned) and its error (null for none).
   */
  public void checked(long sourceId, String listingDigest, String lastError) {
    sql.update(
        """
        update dataset_source set listing_digest = ?, last_error = ?,
          last_checked_at = now()
        where id = ?
        """,
        listingDigest,
        lastError,
        sourceId);
  }

  public Optional<DatasetVersionRow> latest(long sourceId) {
    return sql.queryOne(
        "select "
            + VERSION_COLUMNS
            + VERSION_FROM
            + " where v.source_id = ? order by v.number desc limit 1",
        DatasetSourceRepository::version,
        sourceId);
  }

  public boolean hasDigest(long sourceId, String digest) {
    return sql.count(
            "select count(*) from dataset_version where source_id = ? and digest = ?",
            sourceId,
            digest)
        > 0;
  }

  /** Newest first. */
  public List<DatasetVersionRow> versions(String sourceName) {
    return sql.query(
        "select " + VERSION_COLUMNS + VERSION_FROM + " where s.name = ? order by v.number desc",
        DatasetSourceRepository::version,
        sourceName);
  }

  public Optional<DatasetVersionRow> version(String sourceName, int number) {
    return sql.queryOne(
        "select " + VERSION_COLUMNS + VERSION_FROM + " where s.name = ? and v.number = ?",
        DatasetSourceRepository::version,
        sourceName,
        number);
  }

  public List<ManifestEntry> manifest(long versionId) {
    return sql.queryOne(
            "select files::text from dataset_version_manifest where version_id = ?",
            rs -> JsonColumns.readList(rs.getString(1), ManifestEntry.class),
            versionId)
        .orElse(List.of());
  }

  /** Writes the next version number with its manifest, in one transaction; answers its id. */
  @Transactional
  public long insertVersion(long sourceId, NewDatasetVersion v) {
    long id =
        sql.queryOne(
                """
                insert into dataset_version (source_id, number, digest, file_count, bytes,
                  classes, added_count, removed_count, modified_count, added, removed, modified,
                  curation)
                values (?, (select coalesce(max(number), 0) + 1 from dataset_version
                            where source_id = ?), ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb,
                        ?::jsonb, ?::jsonb)
                returning id
                """,
                rs -> rs.getLong(1),
                sourceId,
                sourceId,
                v.digest(),
                v.fileCount(),
                v.bytes(),
                JsonColumns.write(v.classes()),
                v.addedCount(),
                v.removedCount(),
                v.modifiedCount(),
                JsonColumns.write(v.added()),
                JsonColumns.write(v.removed()),
                JsonColumns.write(v.modified()),
                JsonColumns.write(v.curation()))
            .orElseThrow();
    sql.update(
        "insert into dataset_version_manifest (version_id, files) values (?, ?::jsonb)",
        id,
        JsonColumns.write(v.manifest()));
    return id;
  }

  public void setEvent(long versionId, long eventId) {
    sql.update("update dataset_version set event_id = ? where id = ?", eventId, versionId);
  }

  private static DatasetSourceRow source(ResultSet rs) throws SQLException {
    return new DatasetSourceRow(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("kind"),
        rs.getString("uri"),
        rs.getString("dataset_uri"),
        rs.getInt("quiet_seconds"),
        rs.getInt("min_image_size"),
        rs.getInt("min_class_size"),
        rs.getInt("near_dup_distance"),
        rs.getBoolean("exclude_duplicates"),
        rs.getBoolean("exclude_rejects"),
        rs.getString("listing_digest"),
        rs.getString("last_error"),
        rs.getObject("last_checked_at", OffsetDateTime.class),
        rs.getObject("created_at", OffsetDateTime.class));
  }

  private static DatasetVersionRow version(ResultSet rs) throws SQLException {
    long eventId = rs.getLong("event_id");
    Long event = rs.wasNull() ? null : eventId;
    return new DatasetVersionRow(
        rs.getLong("id"),
        rs.getString("source"),
        rs.getInt("number"),
        rs.getString("digest"),
        rs.getInt("file_count"),
        rs.getLong("bytes"),
        JsonColumns.readMap(rs.getString("classes")),
        rs.getInt("added_count"),
        rs.getInt("removed_count"),
        rs.getInt("modified_count"),
        JsonColumns.readStrings(rs.getString("added")),
        JsonColumns.readStrings(rs.getString("removed")),
        JsonColumns.readStrings(rs.getString("modified")),
        JsonColumns.readMap(rs.getString("curation")),
        event,
        rs.getObject("created_at", OffsetDateTime.class));
  }
}
