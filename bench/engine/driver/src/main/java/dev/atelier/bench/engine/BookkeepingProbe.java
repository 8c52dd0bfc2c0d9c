package dev.atelier.bench.engine;

import dev.atelier.activities.persistence.PersistenceActivitiesImpl;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One task-instance write timed on its own, without Temporal: the activity implementation called
 * directly over the same pool. Set against the time a write takes as an activity inside a run, it
 * splits the engine's cost between the database and the Temporal round trip.
 */
final class BookkeepingProbe {
  private BookkeepingProbe() {}

  /** Milliseconds per write, {@code n} writes of the states one instance goes through. */
  static Stats time(DataSource db, String dagId, String runId, int n) {
    PersistenceActivitiesImpl persistence = new PersistenceActivitiesImpl(db);
    String[] states = {"scheduled", "queued", "running", "success"};
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long now = System.currentTimeMillis();
      String state = states[i % states.length];
      long t0 = System.nanoTime();
      persistence.recordTaskInstance(
          new TaskInstanceRecord(
              dagId,
              runId,
              "bookkeeping_probe",
              i / states.length,
              state,
              state.equals("scheduled") ? 0 : 1,
              "@task",
              state.equals("scheduled") ? 0 : now,
              state.equals("success") ? now : 0,
              state.equals("success") ? "null" : null,
              null,
              null));
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    return Stats.of(ms);
  }
}
