package dev.atelier.ui.rest;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;

/**
 * The Dag {@link OpenApiFuzzTest} points schemathesis at: one empty task, so the triggers it sends
 * run in a moment, and two params so the conf it makes up meets their checks.
 *
 * <pre>
 *   work
 * </pre>
 */
public final class FuzzTargetDag implements DagDefinition {
  public static final String DAG_ID = "test_fuzz_target";

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description("ui tests: the API fuzz test's target")
            .tags("test")
            .params(
                Params.builder()
                    .param("label", Param.string("fuzz"))
                    .param("count", Param.integer(1))
                    .build());
    dag.add(new EmptyOperator("work"));
    return dag.build();
  }
}
