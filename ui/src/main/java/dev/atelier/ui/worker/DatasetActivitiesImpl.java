package dev.atelier.ui.worker;

import dev.atelier.ui.repository.DatasetRepository;
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
 * activity may store an event twice (at least once), which at worst starts one more run.
 */
@Singleton
public class DatasetActivitiesImpl implements DatasetActivities {
  private final DatasetRepository datasets;
  private final DatasetTriggers triggers;

  DatasetActivitiesImpl(DatasetRepository datasets, DatasetTriggers triggers) {
    this.datasets = datasets;
    this.triggers = triggers;
  }

  @Override
  public void recordOutletEvents(List<OutletEvent> events) {
    Set<String> uris = new LinkedHashSet<>();
    for (OutletEvent e : events) {
      datasets.recordEvent(
          e.datasetUri(),
          e.extra(),
          e.sourceDagId(),
          e.sourceRunId(),
          e.sourceTaskId(),
          e.sourceMapIndex());
      uris.add(e.datasetUri());
    }
    uris.forEach(triggers::evaluateFor);
  }
}
