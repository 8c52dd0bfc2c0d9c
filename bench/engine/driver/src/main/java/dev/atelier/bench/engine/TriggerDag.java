package dev.atelier.bench.engine;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.FunctionTask;

/**
 * One task, {@code first}: its function notes when it was called, which ends the trigger-to-first-
 * task latency. A second task shows the hand-over between two tasks in the same run.
 *
 * <pre>
 * first >> second
 * </pre>
 */
public final class TriggerDag implements DagDefinition {
  @Override
  public Dag define() {
    DagBuilder dag =
        Dag.builder(BenchDags.TRIGGER).description("engine benchmark: trigger to first task");
    var first = dag.add(new FunctionTask("first", Work.timed(0, Work::nothing)));
    var second = dag.add(new FunctionTask("second", Work::nothing));
    first.then(second);
    return dag.build();
  }
}
