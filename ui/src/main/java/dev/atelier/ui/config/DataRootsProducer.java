package dev.atelier.ui.config;

import dev.atelier.workflows.data.DataRoots;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The data roots, parsed once: the run checks and the worker's PrepareDataset read the same ones. A
 * malformed {@code ATELIER_DATA_ROOTS} stops the app at start, naming the entry and the rule.
 */
public class DataRootsProducer {
  @Produces
  @Singleton
  DataRoots dataRoots(AtelierConfig config) {
    return DataRoots.parse(config.dataRoots().orElse(null));
  }
}
