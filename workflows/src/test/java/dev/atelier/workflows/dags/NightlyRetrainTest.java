package dev.atelier.workflows.dags;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.workflows.temporal.AtelierWorkflows;
import dev.atelier.workflows.temporal.DagRunResult;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's example runs as the README says.
 *
 * <pre>
 *   count_new_images ──▶ enough_new_images ──▶ [prepare: list_shards ──▶ clean_shard[0..2] ──▶ merge]
 *        ──▶ train[0..1] (pool gpu) ──▶ good_enough ──▶ promote ────────────┬──▶ done
 *                                                  └─▶ keep_current_model ──┘
 * </pre>
 */
class NightlyRetrainTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  @Test
  void aBetterModelIsPromoted(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagRunResult result = NightlyRetrainRunTest.run(env, worker, client, Map.of());

    assertEquals("success", result.state());
    assertEquals("success", result.taskStates().get("prepare.clean_shard[2]"));
    assertEquals("success", result.taskStates().get("promote"));
    assertEquals("skipped", result.taskStates().get("keep_current_model"));
    assertEquals("success", result.taskStates().get("done"));
  }

  @Test
  void tooFewNewImagesSkipsTheRest(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagRunResult result =
        NightlyRetrainRunTest.run(env, worker, client, Map.of("min_new_images", 1000));

    assertEquals("success", result.state());
    assertEquals("success", result.taskStates().get("enough_new_images"));
    assertEquals("skipped", result.taskStates().get("prepare.list_shards"));
    assertEquals("skipped", result.taskStates().get("done"));
  }
}
