package dev.atelier.activities.datasets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Which dataset version a trial trains on: the latest version of the registered folder source whose
 * folder is the trial's folder or contains it (the deepest such source wins), read from PostgreSQL
 * ({@code dataset_source}, {@code dataset_version}); else, for a folder no source watches, its
 * content digest computed on the spot by {@link ManifestReader} (the same digest a source's version
 * would get), named after the folder. An on-the-spot digest is kept for the same cheap listing
 * ({@link ListingDigest}), so a sweep's trials read the files once.
 */
public final class TrialDatasets {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String LATEST_VERSIONS =
      """
      select s.name, s.uri, v.number, v.digest, v.file_count, v.bytes, v.classes::text as classes
      from dataset_source s
      join dataset_version v on v.source_id = s.id
      where s.uri like 'file:%'
        and v.number = (select max(number) from dataset_version where source_id = s.id)
      """;

  static final String VERSION_CURATION =
      """
      select s.uri, s.min_image_size, s.min_class_size, s.near_dup_distance,
             s.exclude_duplicates, s.exclude_rejects, m.files::text as files
      from dataset_source s
      join dataset_version v on v.source_id = s.id
      join dataset_version_manifest m on m.version_id = v.id
      where s.name = ? and v.number = ?
      """;

  private final DataSource dataSource;
  private final Map<String, TrialDataset> computed = new ConcurrentHashMap<>();

  private static final int CURATIONS_KEPT = 8;

  /** Curations by source, version and rules: a sweep's trials compute one once. */
  private final Map<String, VersionCuration> curations = new ConcurrentHashMap<>();

  /**
   * @param dataSource the app's database, or null to compute every digest on the spot
   */
  public TrialDatasets(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Without a database: every folder's digest is computed on the spot. */
  public static TrialDatasets onTheSpot() {
    return new TrialDatasets(null);
  }

  /**
   * @param folder the trial's dataset folder, absolute
   * @throws BadDatasetException when no source watches the folder and it cannot be listed
   */
  public TrialDataset of(Path folder) {
    Path path = folder.toAbsolutePath().normalize();
    return registered(path).orElseGet(() -> computed(path));
  }

  static final String BUCKET_VERSION =
      """
      select s.name, s.uri, v.number, v.digest, v.file_count, v.bytes, v.classes::text as classes
      from dataset_source s
      join dataset_version v on v.source_id = s.id
      where s.uri = ? and v.digest = ?
      order by v.number desc limit 1
      """;

  /**
   * A bucket prefix the worker copied to {@code mirror} ({@link BucketMirror}): the version of the
   * registered source on that prefix with the copy's digest (the exact version trained on, not the
   * latest); for a prefix no source watches, the copy's digest named after the URI.
   *
   * @param uri the bucket prefix, {@code s3://bucket/prefix}
   * @param digest the copy's content digest (its folder's name)
   */
  public TrialDataset ofBucket(String uri, String digest, Path mirror) {
    if (dataSource != null) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement s = c.prepareStatement(BUCKET_VERSION)) {
        s.setString(1, uri);
        s.setString(2, digest);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            return new TrialDataset(
                rs.getString("name"),
                rs.getInt("number"),
                rs.getString("digest"),
                rs.getString("uri"),
                rs.getInt("file_count"),
                rs.getLong("bytes"),
                classes(rs.getString("classes")));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(
            "could not read the dataset versions for " + uri + ": " + e.getMessage(), e);
      }
    }
    TrialDataset copy = computed(mirror.toAbsolutePath().normalize());
    return new TrialDataset(
        uri, null, copy.digest(), uri, copy.files(), copy.bytes(), copy.classes());
  }

  /**
   * The whole curation of a registered source's version, computed from its stored manifest with the
   * source's rules (the same code, files and rules as the report the version holds, without that
   * copy's cap per group), with the source's exclusion flags as they are now. Empty for a folder no
   * source watches and for a version stored without its manifest.
   */
  public Optional<VersionCuration> curation(TrialDataset dataset) {
    return curation(dataset, null);
  }

  /**
   * As {@link #curation(TrialDataset)}, for a version whose files the trial reads from {@code
   * copy}: a bucket prefix's mirrored folder stands for the bucket's root.
   */
  public Optional<VersionCuration> curation(TrialDataset dataset, Path copy) {
    if (dataSource == null || dataset.version() == null) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(VERSION_CURATION)) {
      s.setString(1, dataset.name());
      s.setInt(2, dataset.version());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        CurationRules rules =
            new CurationRules(
                rs.getInt("min_image_size"),
                rs.getInt("min_class_size"),
                rs.getInt("near_dup_distance"));
        boolean duplicates = rs.getBoolean("exclude_duplicates");
        boolean rejects = rs.getBoolean("exclude_rejects");
        String uri = rs.getString("uri");
        if (!uri.startsWith("file:") && copy == null) {
          return Optional.empty();
        }
        Path root = uri.startsWith("file:") ? Path.of(URI.create(uri)) : copy;
        String files = rs.getString("files");
        if (curations.size() > CURATIONS_KEPT) {
          curations.clear(); // A long-lived worker keeps the few versions its trials train on.
        }
        VersionCuration curated =
            curations.computeIfAbsent(
                dataset.name() + "\n" + dataset.version() + "\n" + rules,
                k -> {
                  Manifest manifest = new Manifest(entries(files));
                  return new VersionCuration(
                      dataset.name(),
                      dataset.version(),
                      root,
                      manifest,
                      rules,
                      Curation.of(manifest, rules),
                      false,
                      false);
                });
        return Optional.of(
            new VersionCuration(
                curated.name(),
                curated.version(),
                curated.root(),
                curated.manifest(),
                curated.rules(),
                curated.report(),
                duplicates,
                rejects));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not read the curation of "
              + dataset.name()
              + " version "
              + dataset.version()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static List<ManifestEntry> entries(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<ManifestEntry>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("dataset_version_manifest.files is not a list of files", e);
    }
  }

  private Optional<TrialDataset> registered(Path folder) {
    if (dataSource == null) {
      return Optional.empty();
    }
    List<Candidate> candidates = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(LATEST_VERSIONS);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Path root;
        try {
          root = Path.of(URI.create(rs.getString("uri"))).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
          continue; // Not a local folder.
        }
        if (folder.startsWith(root)) {
          candidates.add(
              new Candidate(
                  root,
                  new TrialDataset(
                      rs.getString("name"),
                      rs.getInt("number"),
                      rs.getString("digest"),
                      rs.getString("uri"),
                      rs.getInt("file_count"),
                      rs.getLong("bytes"),
                      classes(rs.getString("classes")))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not read the dataset versions for " + folder + ": " + e.getMessage(), e);
    }
    return candidates.stream()
        .max(Comparator.comparingInt(k -> k.root().getNameCount()))
        .map(Candidate::dataset);
  }

  private TrialDataset computed(Path folder) {
    FolderSource source = new FolderSource(folder);
    List<SourceFile> listing = source.list();
    String key = folder + "\n" + ListingDigest.of(listing);
    return computed.computeIfAbsent(
        key,
        k -> {
          Manifest manifest = ManifestReader.read(source, listing);
          Path name = folder.getFileName();
          return new TrialDataset(
              name == null ? folder.toString() : name.toString(),
              null,
              manifest.digest(),
              source.uri(),
              manifest.files().size(),
              manifest.bytes(),
              manifest.classes());
        });
  }

  private static Map<String, Integer> classes(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Integer>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("dataset_version.classes is not a JSON object: " + json, e);
    }
  }

  private record Candidate(Path root, TrialDataset dataset) {}
}
