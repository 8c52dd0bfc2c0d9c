package dev.atelier.bench.engine;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * N no-op tasks (500 by default): one start task, N - 2 in parallel, one fan-in, with Airflow's
 * default max_active_tasks (16).
 *
 * <pre>
 *          +-> noop_000 -+
 * start ---+-> ...      -+--> end
 *          +-> noop_497 -+
 * </pre>
 */
public final class FanOutDag implements DagDefinition {
  @Override
  public Dag define() {
    int n = BenchDags.fanoutTasks();
    DagBuilder dag =
        Dag.builder(BenchDags.FANOUT).description("engine benchmark: " + n + " no-op tasks");
    var start = dag.add(new FunctionTask("start", Work.timed(0, Work::nothing)));
    List<Node> middle = new ArrayList<>();
    for (int i = 0; i < n - 2; i++) {
      middle.add(
          dag.add(new FunctionTask(String.format("noop_%03d", i), Work.timed(0, Work::nothing))));
    }
    var end = dag.add(new FunctionTask("end", Work.timed(0, Work::nothing)));
    start.then(middle);
    Node.all(middle.toArray(Node[]::new)).then(end);
    return dag.build();
  }
}
