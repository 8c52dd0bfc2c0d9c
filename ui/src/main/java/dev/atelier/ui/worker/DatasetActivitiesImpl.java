package dev.atelier.ui.worker;

import dev.atelier.ui.repository.DatasetRepository;
import dev.atelier.ui.service.AssetAliasEvents;
import dev.atelier.ui.service.DatasetTriggers;
import dev.atelier.workflows.activities.DatasetActivities;
import dev.atelier.workflows.activities.OutletEvent;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The app side of a task's outlets: each event is stored as {@code POST /api/v1/datasets/events}
 * stores one (the dataset is created on first sight), with the producing task instance as its
 * source, and the Dags scheduled on those datasets are evaluated at once, the same way. A retried
 * activity may store an event twice (at least once), which at worst starts one more run. An event
 * added through alias outlets is stored by {@link AssetAliasEvents} (alias rows and resolution).
 */
@Singleton
public class DatasetActivitiesImpl implements DatasetActivities {
  private final DatasetRepository datasets;
  private final DatasetTriggers triggers;
  private final AssetAliasEvents aliasEvents;

  DatasetActivitiesImpl(
      DatasetRepository datasets, DatasetTriggers triggers, AssetAliasEvents aliasEvents) {
    this.datasets = datasets;
    this.triggers = triggers;
    this.aliasEvents = aliasEvents;
  }

  @Override
  public void recordOutletEvents(List<OutletEvent> events) {
    Set<String> uris = new LinkedHashSet<>();
    for (OutletEvent e : events) {
      uris.add(e.datasetUri());
      if (e.sourceAliases() != null && !e.sourceAliases().isEmpty()) {
        aliasEvents.record(e);
        continue;
      }
      datasets.recordEvent(
          e.datasetUri(),
          e.extra(),
          e.sourceDagId(),
          e.sourceRunId(),
          e.sourceTaskId(),
          e.sourceMapIndex());
    }
    uris.forEach(triggers::evaluateFor);
  }
}
