package dev.atelier.ui.schedule;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.schedule.Dataset;
import dev.atelier.workflows.schedule.ScheduleDeclaration;
import dev.atelier.workflows.schedule.Timetable;
import java.util.UUID;

/**
 * Scheduled on {@code images AND (labels OR curated)}. The URIs are new in every test JVM, so a
 * database that earlier test runs left events in starts with an empty queue for this Dag.
 */
public final class DatasetConditionDag implements DagDefinition, ScheduleDeclaration {
  public static final String DAG_ID = "test_on_datasets";
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  public static final Dataset IMAGES = Dataset.of("test://" + RUN + "/images");
  public static final Dataset LABELS = Dataset.of("test://" + RUN + "/labels");
  public static final Dataset CURATED = Dataset.of("test://" + RUN + "/curated");

  @Override
  public Dag define() {
    var dag = Dag.builder(DAG_ID).description("ui tests: dataset AND/OR").tags("test");
    dag.add(new EmptyOperator("consume"));
    return dag.build();
  }

  @Override
  public Timetable timetable() {
    return Timetable.datasets(IMAGES.and(LABELS.or(CURATED)));
  }
}
