package dev.atelier.ui.schedule;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code hold} takes 3 slots of {@code default_pool} and keeps them until the file named by the
 * {@code release} param exists (at most a minute), so a test can look at a pool in use.
 */
public final class PoolHolderDag implements DagDefinition {
  public static final String DAG_ID = "test_pool_holder";
  public static final int SLOTS = 3;

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description("ui tests: a task holding pool slots")
            .tags("test")
            .params(Params.builder().param("release", Param.string("")).build());
    dag.add(
            new FunctionTask(
                "hold",
                ctx -> {
                  Path release = Path.of(String.valueOf(ctx.params().get("release")));
                  for (int i = 0; i < 600 && !Files.exists(release); i++) {
                    Thread.sleep(100);
                  }
                  return Files.exists(release);
                }))
        .pool("default_pool")
        .poolSlots(SLOTS);
    return dag.build();
  }
}
