package dev.atelier.ui.schedule;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EmptyOperator;

/** A manual Dag with {@code max_active_runs=1} whose runs finish at once (one empty task). */
public final class OneRunAtATimeDag implements DagDefinition {
  public static final String DAG_ID = "test_one_at_a_time";

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description("ui tests: max_active_runs=1")
            .maxActiveRuns(1)
            .tags("test");
    dag.add(new EmptyOperator("only"));
    return dag.build();
  }
}
