package dev.atelier.ui.e2e;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;

/**
 * The Dag {@link CliEndToEndTest} drives with {@code ./atelier dags} and {@code tasks test}: a
 * manual one whose task returns its {@code greeting} param, so a trigger's conf shows in its XCom.
 */
public final class CliDag implements DagDefinition {
  public static final String DAG_ID = "test_cli";

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description("ui tests: the Airflow-style CLI")
            .tags("test")
            .params(Params.builder().param("greeting", Param.string("hello")).build());
    dag.add(new FunctionTask("greet", ctx -> ctx.params().get("greeting") + ", world"));
    return dag.build();
  }
}
