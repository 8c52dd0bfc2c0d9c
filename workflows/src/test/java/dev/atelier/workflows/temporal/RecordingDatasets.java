package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.DatasetActivities;
import dev.atelier.workflows.activities.OutletEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The app's RecordOutletEvents activity, keeping the events in a list. */
class RecordingDatasets implements DatasetActivities {
  final List<OutletEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void recordOutletEvents(List<OutletEvent> batch) {
    events.addAll(batch);
  }
}
