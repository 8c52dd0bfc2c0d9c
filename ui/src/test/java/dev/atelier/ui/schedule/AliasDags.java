package dev.atelier.ui.schedule;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.schedule.Asset;
import dev.atelier.workflows.schedule.AssetAlias;
import dev.atelier.workflows.schedule.ScheduleDeclaration;
import dev.atelier.workflows.schedule.Timetable;
import java.util.Map;
import java.util.UUID;

/**
 * Airflow 3's asset aliases, as the ui tests and the Airflow 3 client's assets script meet them: a
 * producer ({@value #PRODUCER}) whose task lists {@link #EXPORTS} in its outlets and adds an event
 * on {@link #DAY} through it at run time (extra {@code rows}), and a Dag scheduled on the alias
 * ({@value #CONSUMER}), which runs once the alias resolves to an asset with an event. The asset's
 * URI is new in every test JVM, so events of earlier runs never count.
 *
 * <pre>
 *   test_alias_producer: export ──(AssetAlias test_alias_exports → test://…/day)──▶
 *   test_alias_consumer: consume
 * </pre>
 */
public final class AliasDags {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  public static final String PRODUCER = "test_alias_producer";
  public static final String CONSUMER = "test_alias_consumer";
  public static final AssetAlias EXPORTS = new AssetAlias("test_alias_exports", "exports");
  public static final Asset DAY = Asset.of("test://" + RUN + "/day");

  private AliasDags() {}

  /** Adds an event on {@link #DAY} through {@link #EXPORTS}. */
  public static final class Producer implements DagDefinition {
    @Override
    public Dag define() {
      var dag = Dag.builder(PRODUCER).description("ui tests: emits through an alias").tags("test");
      dag.add(
              new FunctionTask(
                  "export",
                  ctx -> {
                    ctx.outletEvents(EXPORTS).add(DAY, Map.of("rows", 3));
                    return "exported";
                  }))
          .outlets(EXPORTS);
      return dag.build();
    }
  }

  /** Runs whenever an asset {@link #EXPORTS} resolves to changes. */
  public static final class Consumer implements DagDefinition, ScheduleDeclaration {
    @Override
    public Dag define() {
      var dag = Dag.builder(CONSUMER).description("ui tests: on an alias").tags("test");
      dag.add(new EmptyOperator("consume"));
      return dag.build();
    }

    @Override
    public Timetable timetable() {
      return Timetable.assets(EXPORTS);
    }
  }
}
