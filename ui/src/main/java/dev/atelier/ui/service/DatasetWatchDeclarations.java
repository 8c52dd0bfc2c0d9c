package dev.atelier.ui.service;

import dev.atelier.ui.repository.DatasetSourceRepository;
import dev.atelier.workflows.schedule.Asset;
import dev.atelier.workflows.schedule.AssetWatcher;
import dev.atelier.workflows.schedule.DagTimetable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The {@link AssetWatcher}s the Dags declare on the datasets they are scheduled on become dataset
 * sources at registration ({@link DagSync}), as if a lead had registered each through {@code POST
 * /api/atelier/datasets} with the dataset's URI: from then on the watcher records their versions
 * and emits the dataset's events, which start the Dag. A source of that name that exists already is
 * left as it is (an operator may have tuned it); one the rules refuse (a folder that is not there,
 * outside the data roots, without images) is logged and skipped, so one bad declaration does not
 * stop the app.
 */
@ApplicationScoped
public class DatasetWatchDeclarations {
  private static final Logger LOG = Logger.getLogger(DatasetWatchDeclarations.class);

  private final DatasetSources sources;
  private final DatasetSourceRepository rows;

  DatasetWatchDeclarations(DatasetSources sources, DatasetSourceRepository rows) {
    this.sources = sources;
    this.rows = rows;
  }

  /** One declared watcher: the dataset it emits on, and where it looks. */
  public record Declared(String datasetUri, AssetWatcher watcher) {}

  /** Every watcher the timetables declare, in the order written. */
  public static List<Declared> of(java.util.Collection<DagTimetable> timetables) {
    List<Declared> out = new ArrayList<>();
    for (DagTimetable t : timetables) {
      if (t.assets() == null) {
        continue;
      }
      for (Asset d : t.assets().assets()) {
        d.watchers().forEach(w -> out.add(new Declared(d.uri(), w)));
      }
    }
    return out;
  }

  /**
   * Registers each declared watcher that has no source yet.
   *
   * @return the names registered now
   */
  public List<String> ensure(List<Declared> declared) {
    List<String> added = new ArrayList<>();
    for (Declared d : declared) {
      AssetWatcher w = d.watcher();
      if (rows.find(w.name()).isPresent()) {
        continue;
      }
      try {
        sources.registerDeclared(
            new NewDatasetSource(
                w.name(),
                w.location().startsWith("s3://") ? null : w.location(),
                w.location().startsWith("s3://") ? w.location() : null,
                d.datasetUri(),
                w.quietSeconds(),
                null,
                null,
                null,
                null,
                null));
        added.add(w.name());
        LOG.infof("Watching %s for %s (declared in a Dag)", w.location(), d.datasetUri());
      } catch (ApiProblem e) {
        LOG.warnf(
            "AssetWatcher '%s' on %s is not watched: %s", w.name(), d.datasetUri(), e.getMessage());
      }
    }
    return added;
  }
}
