package dev.atelier.workflows.temporal;

import static dev.atelier.workflows.dsl.ParamRef.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.PodToleration;
import dev.atelier.workflows.dsl.Task;
import dev.atelier.workflows.dsl.TrainOperator;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A train task's Kubernetes arguments reach every trial's request, params resolved, apart from its
 * hyperparams and from the MLflow parent run's params.
 *
 * <pre>
 *   prepare_dataset ──▶ train[0..1]   (lr mapped; node_selector, tolerations, queue_name shared)
 * </pre>
 */
class SweepKubernetesArgsTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  @Test
  void everyTrialIsAskedToRunWhereTheTaskSaysWithTheQueueFromTheRunsConf(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    FakeTrials trials = new FakeTrials();
    FakeTracking tracking = new FakeTracking();
    worker.registerActivitiesImplementations(
        new RecordingPersistence(), tracking, new FakeOperators(), trials);
    env.start();
    DagBuilder b =
        Dag.builder("placed_sweep")
            .params(Params.builder().param("queue", Param.string("gpu-training")).build());
    Task prepare =
        b.add(
            new ActivityOperator("prepare_dataset", OperatorActivities.PREPARE_DATASET)
                .arg("path", "/data/emoji")
                .arg("image_size", 32));
    Task train =
        b.add(
            TrainOperator.partial(
                    "train",
                    Kwargs.of(
                        "steps", 300,
                        "gpus", 1,
                        "node_selector", Map.of("gpu", "l4"),
                        "tolerations",
                            List.of(PodToleration.exists("nvidia.com/gpu", "NoSchedule")),
                        "queue_name", param("queue")))
                .expand(Kwargs.of("lr", List.of(0.0001, 0.0002))));
    prepare.then(train);
    Dag dag = b.build();

    DagRunResult result =
        Runs.stub(client, worker, dag, "manual__1")
            .run(Runs.input(dag, "manual__1", Map.of("queue", "night-shift"), null));

    assertEquals("success", result.state());
    Map<String, Object> toleration = new LinkedHashMap<>();
    toleration.put("key", "nvidia.com/gpu");
    toleration.put("operator", "Exists");
    toleration.put("effect", "NoSchedule");
    Map<String, Object> expected =
        Map.of(
            "node_selector", Map.of("gpu", "l4"),
            "tolerations", List.of(toleration),
            "queue_name", "night-shift");
    assertEquals(2, trials.launched.size());
    for (TrialRequest r : trials.launched) {
      assertEquals(expected, r.kubernetes(), "trial " + r.mapIndex());
      assertEquals(Map.of("steps", 300, "lr", r.hyperparams().get("lr")), r.hyperparams());
      assertEquals(1, r.gpus());
    }
    assertFalse(tracking.sweeps.get(0).params().containsKey("node_selector"));
    assertEquals("300", tracking.sweeps.get(0).params().get("steps"));
  }
}
