package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Search;
import dev.atelier.workflows.dsl.Task;
import dev.atelier.workflows.dsl.TrainOperator;
import dev.atelier.workflows.dsl.TriggerRule;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A searching TrainOperator inside a Dag run: the trials are the task's map indexes, pruned ones
 * are successes noted "pruned", and pick_best sees every trial's outcome.
 *
 * <pre>
 *   prepare_dataset ──▶ train[0..7]   (TPE over lr, ASHA) ──▶ pick_best (all_done)
 * </pre>
 */
class SearchingTrainTaskTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  @Test
  void theSearchsTrialsAreTheTasksMapIndexesAndPickBestSeesThemAll(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    RecordingPersistence persistence = new RecordingPersistence();
    FakeTracking tracking = new FakeTracking();
    FakeOperators operators = new FakeOperators();
    SimulatedTrials trials = new SimulatedTrials("fd_rgb8", 100, 30);
    trials.client = client;
    worker.registerActivitiesImplementations(persistence, tracking, operators, trials);
    env.start();

    DagBuilder b = Dag.builder("searching_dag");
    Task prepare =
        b.add(
            new ActivityOperator("prepare_dataset", OperatorActivities.PREPARE_DATASET)
                .arg("path", "/data/emoji")
                .arg("image_size", 32));
    Task train =
        b.add(
            TrainOperator.partial(
                    "train", Kwargs.of("model", "dcgan32", "steps", 900, "sample_every", 100))
                .search(
                    Search.space()
                        .logUniform("lr", 1e-5, 1e-2)
                        .categorical("latent_dim", 32, 64)
                        .objective("fd_rgb8", "min", "last")
                        .tpe(4, 24, true, true)
                        .budget(8, 2)
                        .asha(100, 3)
                        .seed(3)
                        .build()));
    Task pick =
        b.add(
            new ActivityOperator("pick_best", OperatorActivities.PICK_BEST)
                .arg("from", "train")
                .arg("metric", "fd_rgb8")
                .arg("mode", "min")
                .triggerRule(TriggerRule.ALL_DONE));
    prepare.then(train);
    train.then(pick);
    Dag dag = b.build();

    DagRunResult result =
        Runs.stub(client, worker, dag, "manual__1")
            .run(Runs.input(dag, "manual__1", Map.of(), null));

    assertEquals("success", result.state());
    assertEquals(8, trials.launched.size());
    for (TrialRequest r : trials.launched) {
      assertEquals("dcgan32", r.hyperparams().get("model"));
      assertEquals(900, ((Number) r.hyperparams().get("steps")).intValue());
      assertTrue(r.hyperparams().containsKey("lr") && r.hyperparams().containsKey("latent_dim"));
    }
    TaskCall call = operators.pickBestCalls.get(0);
    assertEquals(8, ((List<?>) call.upstream().get("train")).size());
    long pruned =
        persistence.records.stream()
            .filter(r -> r.taskId().equals("train") && r.note() != null)
            .filter(r -> r.note().startsWith("pruned: "))
            .map(TaskInstanceRecord::mapIndex)
            .distinct()
            .count();
    assertTrue(pruned > 0, "no trial was pruned");
    assertEquals("fd_rgb8 min last", tracking.sweeps.get(0).params().get("search.objective"));
    assertTrue(tracking.sweeps.get(0).params().get("search.space").contains("\"lr\""));
  }
}
