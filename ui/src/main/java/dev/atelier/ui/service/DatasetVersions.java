package dev.atelier.ui.service;

import dev.atelier.activities.datasets.BadDatasetException;
import dev.atelier.activities.datasets.Curation;
import dev.atelier.activities.datasets.CurationReport;
import dev.atelier.activities.datasets.CurationRules;
import dev.atelier.activities.datasets.DatasetSource;
import dev.atelier.activities.datasets.ListingDigest;
import dev.atelier.activities.datasets.Manifest;
import dev.atelier.activities.datasets.ManifestDiff;
import dev.atelier.activities.datasets.ManifestReader;
import dev.atelier.activities.datasets.SourceFile;
import dev.atelier.ui.repository.DatasetSourceRepository;
import dev.atelier.ui.repository.DatasetSourceRow;
import dev.atelier.ui.repository.DatasetVersionRow;
import dev.atelier.ui.repository.NewDatasetVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Scans a source in full and records a version when its content digest is new: every file read once
 * (SHA-256, decoded for dHash and size; {@code activities.datasets}), the diff against the latest
 * version's manifest, the curation report, then the dataset event on the source's dataset URI
 * through {@link DatasetEventEmitter}, as {@code POST /api/v1/datasets/events} emits it. A source
 * that is missing, unreadable, empty, or whose every file is rejected records its {@code
 * last_error}, emits nothing and keeps its versions. Content that equals an earlier version's (a
 * folder put back) records nothing: that version's digest is taken. Scans run one at a time in this
 * app (the watcher and {@code POST .../scan} share them); the table's unique keys keep a second
 * replica from recording a version twice.
 */
@ApplicationScoped
public class DatasetVersions {
  /** Paths per added/removed/modified list and per curation group, stored and answered. */
  static final int LIST_CAP = 200;

  private static final Logger LOG = Logger.getLogger(DatasetVersions.class);

  private final DatasetSourceRepository sources;
  private final DatasetEventEmitter emitter;
  private final AuditLog audit;
  private final DatasetSourceFiles files;

  DatasetVersions(
      DatasetSourceRepository sources,
      DatasetEventEmitter emitter,
      AuditLog audit,
      DatasetSourceFiles files) {
    this.sources = sources;
    this.emitter = emitter;
    this.audit = audit;
    this.files = files;
  }

  /**
   * @param trigger who asked, put in the event's extra as {@code source}: {@code watcher} or {@code
   *     scan} (the API's scan-now)
   */
  public synchronized DatasetScanOutcome scan(DatasetSourceRow source, String trigger) {
    Optional<DatasetVersionRow> latest = sources.latest(source.id());
    DatasetSource files;
    List<SourceFile> listing;
    try {
      files = this.files.open(source);
      listing = files.list();
    } catch (BadDatasetException e) {
      return failed(source, null, e.getMessage(), latest);
    }
    String listed = ListingDigest.of(listing);
    if (listing.isEmpty()) {
      return failed(
          source,
          listed,
          DatasetSourceFiles.field(source)
              + ": '"
              + files.uri()
              + "' holds no images (.png, .jpg, .jpeg)",
          latest);
    }
    Manifest manifest = ManifestReader.read(files, listing);
    CurationReport report =
        Curation.of(
            manifest,
            new CurationRules(
                source.minImageSize(), source.minClassSize(), source.nearDupDistance()));
    if (report.usable() == 0) {
      String first = report.rejected().entrySet().iterator().next().toString();
      return failed(
          source,
          listed,
          DatasetSourceFiles.field(source)
              + ": every one of the "
              + manifest.files().size()
              + " files in '"
              + files.uri()
              + "' is rejected or a duplicate (first: "
              + first
              + ")",
          latest);
    }
    String digest = manifest.digest();
    if (sources.hasDigest(source.id(), digest)) {
      sources.checked(source.id(), listed, null);
      return new DatasetScanOutcome("unchanged", latest.orElse(null), null);
    }
    Manifest previous = latest.map(v -> new Manifest(sources.manifest(v.id()))).orElse(null);
    ManifestDiff diff = ManifestDiff.between(previous, manifest);
    long versionId =
        sources.insertVersion(
            source.id(),
            new NewDatasetVersion(
                digest,
                manifest.files().size(),
                manifest.bytes(),
                manifest.classes(),
                diff.added().size(),
                diff.removed().size(),
                diff.modified().size(),
                cap(diff.added()),
                cap(diff.removed()),
                cap(diff.modified()),
                report.toMap(LIST_CAP),
                manifest.files()));
    sources.checked(source.id(), listed, null);
    DatasetVersionRow version = sources.latest(source.id()).orElseThrow();
    audit.record(
        "dataset-version",
        target(source, version.number()),
        Map.of("digest", digest, "files", version.fileCount(), "trigger", trigger));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("version", version.number());
    extra.put("digest", digest);
    extra.put("added", diff.added().size());
    extra.put("removed", diff.removed().size());
    extra.put("modified", diff.modified().size());
    extra.put("source", trigger);
    extra.put("dataset_source", source.name());
    try {
      DatasetEventEmitter.Emitted emitted = emitter.emit(source.datasetUri(), extra);
      sources.setEvent(versionId, emitted.event().id());
    } catch (RuntimeException e) {
      // The version stands; the scheduler loop evaluates any event that was stored.
      LOG.warnf(e, "Dataset %s version %d: event not emitted", source.name(), version.number());
    }
    LOG.infof(
        "Dataset %s: version %d (%d files, +%d -%d ~%d)",
        source.name(),
        version.number(),
        version.fileCount(),
        diff.added().size(),
        diff.removed().size(),
        diff.modified().size());
    return new DatasetScanOutcome(
        "recorded", sources.version(source.name(), version.number()).orElseThrow(), null);
  }

  /** Records why a check failed (audited when the reason is new); nothing else changes. */
  public DatasetScanOutcome failed(
      DatasetSourceRow source,
      String listingDigest,
      String error,
      Optional<DatasetVersionRow> latest) {
    sources.checked(source.id(), listingDigest, error);
    if (!Objects.equals(error, source.lastError())) {
      audit.record(
          "dataset-source-error",
          AuditTargets.dataset(source.datasetUri()),
          Map.of("error", error));
      LOG.warnf("Dataset %s: %s", source.name(), error);
    }
    return new DatasetScanOutcome("failed", latest.orElse(null), error);
  }

  static String target(DatasetSourceRow source, int number) {
    return AuditTargets.dataset(source.datasetUri()) + "/version/" + number;
  }

  private static List<String> cap(List<String> paths) {
    return paths.size() <= LIST_CAP ? paths : paths.subList(0, LIST_CAP);
  }
}
