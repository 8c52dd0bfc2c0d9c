package dev.atelier.ui.rest;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.FunctionTask;
import java.time.Duration;

/**
 * The Dag {@link TaskInstanceTriesV2Test} runs: one task whose first try in each run of its
 * workflow fails, retried once a second later, so every run leaves two tries.
 *
 * <pre>
 *   flaky (retries 1)
 * </pre>
 */
public final class TriesDag implements DagDefinition {
  public static final String DAG_ID = "test_tries";

  @Override
  public Dag define() {
    var dag = Dag.builder(DAG_ID).description("ui tests: a task tried twice").tags("test");
    dag.add(
            new FunctionTask(
                "flaky",
                ctx -> {
                  if (ctx.tryNumber() == 1) {
                    throw new IllegalStateException("first try fails");
                  }
                  return "ok";
                }))
        .retries(1)
        .retryDelay(Duration.ofSeconds(1));
    return dag.build();
  }
}
