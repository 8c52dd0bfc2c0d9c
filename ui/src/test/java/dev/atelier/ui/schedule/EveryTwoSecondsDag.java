package dev.atelier.ui.schedule;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.schedule.ScheduleDeclaration;
import dev.atelier.workflows.schedule.Timetable;
import java.time.Duration;
import java.time.Instant;

/**
 * A Dag on a fixed 2-second interval (Airflow's {@code schedule=timedelta(seconds=2)}), paused upon
 * creation so it fires only while a test has unpaused it; catchup=False, so unpausing owes one run,
 * not every interval since 2024.
 */
public final class EveryTwoSecondsDag implements DagDefinition, ScheduleDeclaration {
  public static final String DAG_ID = "test_every_2s";

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description("ui tests: a Temporal Schedule every 2 s")
            .startDate(Instant.parse("2024-01-01T00:00:01Z"))
            .catchup(false)
            .tags("test");
    dag.add(new EmptyOperator("tick"));
    return dag.build();
  }

  @Override
  public Timetable timetable() {
    return Timetable.every(Duration.ofSeconds(2));
  }

  @Override
  public boolean pausedUponCreation() {
    return true;
  }
}
