package dev.atelier.ui.schedule;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.schedule.Dataset;
import dev.atelier.workflows.schedule.ScheduleDeclaration;
import dev.atelier.workflows.schedule.Timetable;
import java.util.UUID;

/**
 * A producer whose task updates a dataset (Airflow's {@code outlets}) and a consumer scheduled on
 * that dataset. The URI is new in every test JVM, so events of earlier runs never count.
 */
public final class OutletDags {
  public static final String PRODUCER = "test_outlet_producer";
  public static final String CONSUMER = "test_outlet_consumer";
  public static final Dataset CURATED =
      Dataset.of("test://" + UUID.randomUUID().toString().substring(0, 8) + "/curated");

  private OutletDags() {}

  /** {@code curate} (outlet: the dataset, with extra {@code images}). */
  public static final class Producer implements DagDefinition {
    @Override
    public Dag define() {
      var dag = Dag.builder(PRODUCER).description("ui tests: a task's outlet").tags("test");
      dag.add(
              new FunctionTask(
                  "curate",
                  ctx -> {
                    ctx.outletExtra(CURATED.uri()).put("images", 42);
                    return "curated";
                  }))
          .outlets(CURATED.uri());
      return dag.build();
    }
  }

  /** Runs when the producer's dataset changes. */
  public static final class Consumer implements DagDefinition, ScheduleDeclaration {
    @Override
    public Dag define() {
      var dag = Dag.builder(CONSUMER).description("ui tests: on the outlet's dataset").tags("test");
      dag.add(new EmptyOperator("consume"));
      return dag.build();
    }

    @Override
    public Timetable timetable() {
      return Timetable.datasets(CURATED);
    }
  }
}
