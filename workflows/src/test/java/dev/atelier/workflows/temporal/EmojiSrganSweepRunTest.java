package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.dags.EmojiSrganSweep;
import dev.atelier.workflows.dsl.Dag;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The super-resolution demo sweep on Temporal's test server, launcher faked: what each trial is
 * asked to train, and that the winner is the highest probe PSNR.
 *
 * <pre>
 *   prepare_dataset ──▶ train[0..3] ──▶ pick_best (all_done, max psnr)
 *        map index = (lr, adversarial_weight): 0 = (1e-4, 0), 1 = (1e-4, 1e-3),
 *                                              2 = (2e-4, 0), 3 = (2e-4, 1e-3)
 * </pre>
 */
class EmojiSrganSweepRunTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final FakeOperators operators = new FakeOperators();
  private final FakeTrials trials = new FakeTrials();
  private final Dag dag = new EmojiSrganSweep("/data/emoji").define();

  @Test
  void fourSrTrialsGetTheirHyperparamsAndTheHighestPsnrWins(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    // Trial 1 (lr 1e-4 with the adversarial term) enlarges best.
    trials.metrics = i -> Map.of("psnr", i == 1 ? 24.5 : 20.0 + i, "loss_g", 0.1);
    worker.registerActivitiesImplementations(persistence, new FakeTracking(), operators, trials);
    env.start();
    String runId = "manual__2026-11-22T10:00:00";
    DagRunResult result =
        client
            .newWorkflowStub(
                DagRunWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(AtelierWorkflows.workflowId(dag.dagId(), runId))
                    .build())
            .run(
                new DagRunInput(
                    dag.dagId(),
                    runId,
                    "2026-11-22T10:00:00Z",
                    dag.params().resolve(Map.of()),
                    dag.toSpec()));

    assertEquals("success", result.state());
    List<TrialRequest> launched =
        trials.launched.stream()
            .sorted((a, b) -> Integer.compare(a.mapIndex(), b.mapIndex()))
            .toList();
    assertEquals(4, launched.size());
    Map<String, Object> shared =
        Map.of(
            "model", "srgan4x",
            "steps", 300,
            "batch_size", 16,
            "g_width", 32,
            "d_width", 32,
            "residual_blocks", 4,
            "content_loss", "l1",
            "content_only_steps", 100,
            "sample_every", 100);
    double[][] mapped = {{0.0001, 0.0}, {0.0001, 0.001}, {0.0002, 0.0}, {0.0002, 0.001}};
    for (int i = 0; i < 4; i++) {
      Map<String, Object> expected = new java.util.LinkedHashMap<>(shared);
      expected.put("lr", mapped[i][0]);
      expected.put("adversarial_weight", mapped[i][1]);
      assertEquals(expected, launched.get(i).hyperparams(), "trial " + i);
      assertEquals(32, launched.get(i).dataset().get("image_size"));
      assertEquals("atelier/emoji_srgan_sweep", launched.get(i).experimentName());
    }
    assertEquals(
        Map.of("mlflow_run_id", "run-1", "map_index", 1, "metric", "psnr", "value", 24.5),
        new ObjectMapper().readValue(persistence.last("pick_best", -1).xcomJson(), Map.class));
  }
}
