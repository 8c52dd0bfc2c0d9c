package dev.atelier.ui.service;

import dev.atelier.activities.datasets.BadDatasetException;
import dev.atelier.activities.datasets.CurationRules;
import dev.atelier.activities.datasets.DatasetSource;
import dev.atelier.activities.datasets.FolderSource;
import dev.atelier.ui.repository.DatasetSourceRepository;
import dev.atelier.ui.repository.DatasetSourceRow;
import dev.atelier.ui.repository.DatasetVersionRow;
import dev.atelier.workflows.data.DataRoots;
import dev.atelier.workflows.data.InvalidDatasetRefException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Registering sources and reading their versions ({@code /api/atelier/datasets}). A folder must lie
 * inside the data roots ({@code ATELIER_DATA_ROOTS}, as for trials), exist, be readable and hold
 * images; a bucket prefix ({@code s3://bucket/prefix}, on the app's S3 server, {@link
 * S3Connection}) must be listable and hold images. The first version is recorded by the watcher (or
 * {@code POST .../scan}).
 */
@ApplicationScoped
public class DatasetSources {
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Logger LOG = Logger.getLogger(DatasetSources.class);

  private final DatasetSourceRepository sources;
  private final DatasetVersions versions;
  private final DataRoots roots;
  private final AuditLog audit;
  private final DatasetSourceFiles files;
  private final DatasetChampions champions;

  DatasetSources(
      DatasetSourceRepository sources,
      DatasetVersions versions,
      DataRoots roots,
      AuditLog audit,
      DatasetSourceFiles files,
      DatasetChampions champions) {
    this.champions = champions;
    this.sources = sources;
    this.versions = versions;
    this.roots = roots;
    this.audit = audit;
    this.files = files;
  }

  /**
   * @throws ApiProblem 400 naming the field, value and rule; 409 when the name is taken
   */
  public DatasetSourceView register(NewDatasetSource body) {
    return register(body, true);
  }

  /**
   * A watcher a Dag declares ({@link DatasetWatchDeclarations}): the same rules, except that the
   * location may hold no images yet — a studio declares the folder it will copy into, and the
   * watcher shows "no images" until it does.
   */
  public DatasetSourceView registerDeclared(NewDatasetSource body) {
    return register(body, false);
  }

  private DatasetSourceView register(NewDatasetSource body, boolean requireImages) {
    if (body == null) {
      throw ApiProblem.badRequest(
          "body: missing; send {\"name\": \"emoji\", \"path\": \"/srv/datasets/emoji\"}");
    }
    String name = body.name() == null ? null : body.name().strip();
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiProblem.badRequest(
          "name: '"
              + body.name()
              + "' must be 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
    boolean hasPath = body.path() != null && !body.path().isBlank();
    boolean hasUri = body.uri() != null && !body.uri().isBlank();
    if (hasPath && hasUri) {
      throw ApiProblem.badRequest(
          "uri: give either path (a folder) or uri (s3://bucket/prefix), not both");
    }
    if (!hasPath && !hasUri) {
      throw ApiProblem.badRequest(
          "path: is required: the folder to watch, e.g. /srv/datasets/emoji (or uri:"
              + " s3://bucket/prefix for a bucket)");
    }
    if (hasUri && !body.uri().strip().startsWith("s3://")) {
      throw ApiProblem.badRequest(
          "uri: '"
              + body.uri()
              + "' must be s3://bucket/prefix (a folder is registered with path)");
    }
    if (hasPath && !Path.of(body.path().strip()).isAbsolute()) {
      throw ApiProblem.badRequest("path: '" + body.path() + "' must be an absolute folder path");
    }
    int quiet = number("quiet_seconds", body.quietSeconds(), 5, 0, 3600);
    int minImage =
        number(
            "min_image_size",
            body.minImageSize(),
            CurationRules.DEFAULTS.minImageSize(),
            1,
            100_000);
    int minClass =
        number(
            "min_class_size",
            body.minClassSize(),
            CurationRules.DEFAULTS.minClassSize(),
            1,
            1_000_000);
    int distance =
        number(
            "near_dup_distance",
            body.nearDupDistance(),
            CurationRules.DEFAULTS.nearDupDistance(),
            0,
            64);
    DatasetSource source = hasUri ? bucket(body.uri().strip()) : folder(body.path().strip());
    if (requireImages) {
      requireImages(source, hasUri ? "uri" : "path", hasUri ? body.uri() : body.path());
    }
    String datasetUri =
        body.datasetUri() == null || body.datasetUri().isBlank()
            ? source.uri()
            : body.datasetUri().strip();
    DatasetSourceRow row =
        sources
            .insertIfAbsent(
                name,
                hasUri ? "s3" : "folder",
                source.uri(),
                datasetUri,
                quiet,
                minImage,
                minClass,
                distance,
                Boolean.TRUE.equals(body.excludeDuplicates()),
                Boolean.TRUE.equals(body.excludeRejects()))
            .orElseThrow(
                () ->
                    ApiProblem.conflict(
                        "Dataset source exists",
                        "name: '" + name + "' is taken by another source"));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("name", name);
    detail.put("uri", row.uri());
    detail.put("quiet_seconds", quiet);
    detail.put("min_image_size", minImage);
    detail.put("min_class_size", minClass);
    detail.put("near_dup_distance", distance);
    audit.record("dataset-source-add", AuditTargets.dataset(datasetUri), detail);
    return DatasetSourceView.of(row, null);
  }

  public List<DatasetSourceView> list() {
    return sources.list().stream()
        .map(
            s ->
                DatasetSourceView.of(
                    s, sources.latest(s.id()).map(DatasetVersionSummary::of).orElse(null)))
        .toList();
  }

  /**
   * The source's versions, newest first, each with the registered models whose champion it trained
   * ({@link DatasetChampions}); when MLflow cannot answer, the versions come without.
   */
  public List<DatasetVersionSummary> versions(String name) {
    require(name);
    Map<Integer, List<ChampionMark>> champions;
    try {
      champions = this.champions.of(name);
    } catch (RuntimeException e) {
      LOG.warnf("Dataset %s: champions not read from MLflow: %s", name, e.getMessage());
      champions = null;
    }
    Map<Integer, List<ChampionMark>> marks = champions;
    return sources.versions(name).stream()
        .map(
            v ->
                DatasetVersionSummary.of(
                    v, marks == null ? null : marks.getOrDefault(v.number(), List.of())))
        .toList();
  }

  public DatasetVersionRow version(String name, String number) {
    require(name);
    int n;
    try {
      n = Integer.parseInt(number);
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("number: '" + number + "' must be a version number (1, 2, ...)");
    }
    return sources
        .version(name, n)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Dataset version not found",
                    "number: '" + number + "' is not a version of dataset source '" + name + "'"));
  }

  /**
   * {@code PATCH /api/atelier/datasets/{name}}: changes whether training leaves the source's
   * duplicates and rejects out ({@link DatasetExclusionChange}); trials launched from now on read
   * the new flags. Audited with the flags before and after.
   *
   * @throws ApiProblem 404 for an unknown source, 400 naming the field, value and rule
   */
  public DatasetSourceView changeExclusions(String name, Map<String, Object> body) {
    DatasetSourceRow source = require(name);
    DatasetExclusionChange change = DatasetExclusionChange.of(body);
    boolean duplicates = change.duplicates().orElse(source.excludeDuplicates());
    boolean rejects = change.rejects().orElse(source.excludeRejects());
    sources.setExclusions(source.id(), duplicates, rejects);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("name", name);
    detail.put("exclude_duplicates", duplicates);
    detail.put("exclude_rejects", rejects);
    detail.put("was_exclude_duplicates", source.excludeDuplicates());
    detail.put("was_exclude_rejects", source.excludeRejects());
    audit.record("dataset-source-change", AuditTargets.dataset(source.datasetUri()), detail);
    DatasetSourceRow changed = require(name);
    return DatasetSourceView.of(
        changed, sources.latest(changed.id()).map(DatasetVersionSummary::of).orElse(null));
  }

  /** Scans now, as the watcher would; the answer says whether a version was recorded. */
  public DatasetScanOutcome scan(String name) {
    return versions.scan(require(name), "scan");
  }

  /** A folder inside the data roots that lists images. */
  private DatasetSource folder(String path) {
    Path folder;
    try {
      folder = roots.resolve("path", path, "local").scanPath("path");
    } catch (InvalidDatasetRefException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    return new FolderSource(folder);
  }

  /** A bucket prefix of the app's S3 server. */
  private DatasetSource bucket(String uri) {
    try {
      return files.bucket("uri", uri);
    } catch (BadDatasetException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
  }

  private static DatasetSource requireImages(DatasetSource source, String field, String given) {
    try {
      if (source.list().isEmpty()) {
        throw ApiProblem.badRequest(
            field + ": '" + given + "' holds no images (.png, .jpg, .jpeg)");
      }
    } catch (BadDatasetException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    return source;
  }

  private DatasetSourceRow require(String name) {
    return sources
        .find(name)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Dataset source not found", "name: '" + name + "' is not a dataset source"));
  }

  private static int number(String field, Integer value, int fallback, int min, int max) {
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      throw ApiProblem.badRequest(field + ": " + value + " must be between " + min + " and " + max);
    }
    return value;
  }
}
