package dev.atelier.ui.config;

import dev.atelier.workflows.data.DataRoots;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The data roots, parsed once: the run checks and the worker's PrepareDataset read the same ones. A
 * malformed {@code ATELIER_DATA_ROOTS} stops the app at start, naming the entry and the rule.
 */
public class DataRootsProducer {
  private static final Logger LOG = Logger.getLogger(DataRootsProducer.class);

  @Produces
  @Singleton
  DataRoots dataRoots(AtelierConfig config) {
    DataRoots roots = DataRoots.parse(config.dataRoots().orElse(null));
    if (!roots.configured()) {
      LOG.warnf(
          "%s is unset: local trials may read any folder this process can read, and Kubernetes"
              + " trials none; set it to the folders and claims datasets may come from",
          DataRoots.VARIABLE);
    }
    return roots;
  }
}
