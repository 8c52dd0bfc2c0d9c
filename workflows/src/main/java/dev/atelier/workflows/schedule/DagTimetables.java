package dev.atelier.workflows.schedule;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.dsl.DagDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The timetable of every Dag the code defines, read from the same definitions as {@link DagBag}:
 * the Dag's {@code schedule} string, or a {@link ScheduleDeclaration} on its definition. Schedules
 * that could never run as written are refused when loaded, all at once, each naming its Dag.
 */
public final class DagTimetables {
  private final Map<String, DagTimetable> byDag;

  private DagTimetables(Map<String, DagTimetable> byDag) {
    this.byDag = Collections.unmodifiableMap(byDag);
  }

  /** The timetables of the definitions in {@code META-INF/services}, as {@link DagBag#load()}. */
  public static DagTimetables load() {
    return of(ServiceLoader.load(DagDefinition.class, DagBag.class.getClassLoader()));
  }

  /**
   * @throws IllegalStateException listing every Dag whose schedule cannot run
   */
  public static DagTimetables of(Iterable<? extends DagDefinition> definitions) {
    Map<String, DagTimetable> byDag = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (DagDefinition definition : definitions) {
      Dag dag = definition.define();
      try {
        byDag.put(dag.dagId(), timetable(dag, definition));
      } catch (IllegalArgumentException e) {
        problems.add("Dag " + dag.dagId() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Dag schedules that cannot run:\n  " + String.join("\n  ", problems));
    }
    return new DagTimetables(byDag);
  }

  public Optional<DagTimetable> get(String dagId) {
    return Optional.ofNullable(byDag.get(dagId));
  }

  public Map<String, DagTimetable> all() {
    return byDag;
  }

  static DagTimetable timetable(Dag dag, DagDefinition definition) {
    Timetable timetable;
    Instant endDate = null;
    boolean paused = false;
    if (definition instanceof ScheduleDeclaration declared) {
      if (dag.schedule() != null || dag.scheduleInterval() != null) {
        throw new IllegalArgumentException(
            "schedule '"
                + (dag.schedule() != null ? dag.schedule() : dag.scheduleInterval())
                + "' is given twice (in the Dag and as a timetable); keep one");
      }
      timetable = declared.timetable() == null ? new NullTimetable() : declared.timetable();
      endDate = declared.endDate();
      paused = declared.pausedUponCreation();
    } else if (dag.scheduleInterval() != null) {
      timetable = Timetable.every(dag.scheduleInterval());
    } else {
      timetable = Timetable.of(dag.schedule());
    }
    Instant startDate = dag.startDate();
    boolean clock =
        timetable instanceof DataIntervalTimetable || timetable instanceof OnceTimetable;
    if (clock && startDate == null) {
      throw new IllegalArgumentException(
          "schedule '" + timetable.summary() + "' needs a start_date (none is set)");
    }
    if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
      throw new IllegalArgumentException(
          "end_date " + endDate + " is before start_date " + startDate);
    }
    if (timetable instanceof DeltaDataIntervalTimetable delta) {
      timetable = delta.anchoredAt(startDate);
    }
    return new DagTimetable(
        dag.dagId(), timetable, new TimeRestriction(startDate, endDate, dag.catchup()), paused);
  }
}
