package dev.atelier.workflows.schedule;

import java.time.Instant;

/**
 * The parts of Airflow's {@code DAG(...)} arguments about scheduling that the Dag builder does not
 * carry (yet): a {@code schedule} that is not a string (a timedelta, assets), {@code end_date} and
 * {@code is_paused_upon_creation}. A {@link dev.atelier.workflows.dsl.DagDefinition} implements
 * this too when it needs them; its Dag's own {@code schedule} must then be null.
 */
public interface ScheduleDeclaration {

  /** Airflow's {@code schedule}: {@link Timetable#every}, {@link Timetable#assets}, …. */
  Timetable timetable();

  /** Airflow's {@code end_date}: no run's interval starts after it; null for none. */
  default Instant endDate() {
    return null;
  }

  /** Airflow's {@code is_paused_upon_creation}: the pause switch when first registered. */
  default boolean pausedUponCreation() {
    return false;
  }
}
