package dev.atelier.ui.service;

import dev.atelier.activities.datasets.BadDatasetException;
import dev.atelier.activities.datasets.ListingDigest;
import dev.atelier.activities.datasets.SourceFile;
import dev.atelier.ui.repository.DatasetSourceRepository;
import dev.atelier.ui.repository.DatasetSourceRow;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Airflow 3's asset watcher, by polling: every {@code atelier.datasets.watch-every} (Quarkus
 * {@code @Scheduled}) each source is listed cheaply (a folder's names, sizes, modification times; a
 * bucket prefix's keys, sizes, ETags). When the listing differs from the one the last full scan saw
 * and has stayed the same for the source's {@code quiet_seconds} (so a copy still in progress is
 * not taken half-way), {@link DatasetVersions#scan} reads the content and records a version if the
 * digest is new. No API call is needed; the event it emits starts the Dags scheduled on the
 * dataset.
 */
@ApplicationScoped
public class DatasetWatcher {
  private static final Logger LOG = Logger.getLogger(DatasetWatcher.class);

  /** A listing seen to differ from the last scanned one, and since when it has not changed. */
  private record Pending(String listing, Instant since) {}

  private final DatasetSourceRepository sources;
  private final DatasetVersions versions;
  private final DatasetSourceFiles files;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

  DatasetWatcher(
      DatasetSourceRepository sources, DatasetVersions versions, DatasetSourceFiles files) {
    this.sources = sources;
    this.versions = versions;
    this.files = files;
  }

  @Scheduled(
      every = "${atelier.datasets.watch-every:2s}",
      delayed = "3s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    List<DatasetSourceRow> all;
    try {
      all = sources.list();
    } catch (RuntimeException e) {
      LOG.warnf("Dataset sources not checked this tick: %s", e.getMessage());
      return;
    }
    for (DatasetSourceRow source : all) {
      try {
        check(source, Instant.now());
      } catch (RuntimeException e) {
        LOG.warnf(e, "Dataset source %s not checked this tick", source.name());
      }
    }
  }

  void check(DatasetSourceRow source, Instant now) {
    List<SourceFile> listing;
    try {
      listing = files.open(source).list();
    } catch (BadDatasetException e) {
      pending.remove(source.id());
      if (!e.getMessage().equals(source.lastError()) || source.listingDigest() != null) {
        versions.failed(source, null, e.getMessage(), Optional.empty());
      }
      return;
    }
    String listed = ListingDigest.of(listing);
    if (listed.equals(source.listingDigest())) {
      pending.remove(source.id());
      return;
    }
    Pending seen = pending.get(source.id());
    if (seen == null || !seen.listing().equals(listed)) {
      seen = new Pending(listed, now);
      pending.put(source.id(), seen);
    }
    if (Duration.between(seen.since(), now).toSeconds() >= source.quietSeconds()) {
      pending.remove(source.id());
      versions.scan(source, "watcher");
    }
  }
}
