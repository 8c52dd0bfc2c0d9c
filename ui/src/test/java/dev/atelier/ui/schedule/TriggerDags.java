package dev.atelier.ui.schedule;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.TriggerDagRunOperator;
import java.util.Map;

/** A controller whose TriggerDagRunOperator starts a run of a target Dag. */
public final class TriggerDags {
  public static final String CONTROLLER = "test_trigger_controller";
  public static final String TARGET = "test_trigger_target";

  private TriggerDags() {}

  /** {@code kick_off}: triggers {@code test_trigger_target} with conf {@code {source: …}}. */
  public static final class Controller implements DagDefinition {
    @Override
    public Dag define() {
      var dag = Dag.builder(CONTROLLER).description("ui tests: TriggerDagRunOperator").tags("test");
      dag.add(new TriggerDagRunOperator("kick_off", TARGET)).conf(Map.of("source", "controller"));
      return dag.build();
    }
  }

  /** One empty task; a {@code source} param so the trigger's conf is checked. */
  public static final class Target implements DagDefinition {
    @Override
    public Dag define() {
      var dag =
          Dag.builder(TARGET)
              .description("ui tests: triggered by another Dag")
              .tags("test")
              .params(Params.builder().param("source", Param.string("api")).build());
      dag.add(new EmptyOperator("work"));
      return dag.build();
    }
  }
}
