package dev.atelier.ui.service;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.schedule.DagTimetable;
import dev.atelier.workflows.schedule.DagTimetables;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Optional;

/**
 * The Dags this build defines and their timetables, loaded and validated once. A broken Dag or a
 * schedule that cannot run fails the load, and so the app's start, loudly: better than a run that
 * fails later for a reason fixed at definition time.
 */
@ApplicationScoped
public class DagCatalog {
  private volatile Loaded loaded;

  private record Loaded(DagBag bag, DagTimetables timetables) {}

  public Optional<Dag> get(String dagId) {
    return loaded().bag().get(dagId);
  }

  public Collection<Dag> all() {
    return loaded().bag().all();
  }

  /** The Dag's timetable; every Dag of the bag has one (manual-only Dags a null timetable). */
  public Optional<DagTimetable> timetable(String dagId) {
    return loaded().timetables().get(dagId);
  }

  public Collection<DagTimetable> timetables() {
    return loaded().timetables().all().values();
  }

  private Loaded loaded() {
    Loaded current = loaded;
    if (current == null) {
      synchronized (this) {
        if (loaded == null) {
          loaded = new Loaded(DagBag.load(), DagTimetables.load());
        }
        current = loaded;
      }
    }
    return current;
  }
}
