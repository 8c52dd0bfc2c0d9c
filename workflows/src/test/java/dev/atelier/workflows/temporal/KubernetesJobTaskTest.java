package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.activities.KubernetesJobActivities;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.KubernetesJobOperator;
import dev.atelier.workflows.dsl.Kwargs;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@link KubernetesJobOperator} runs like any task: its try is the {@code RunKubernetesJob}
 * activity (a fake here, recording the calls), a failed try is retried, and what the activity
 * returns is the XCom.
 */
class KubernetesJobTaskTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final List<TaskCall> calls = new CopyOnWriteArrayList<>();

  /** Fails the first try (but publish's) as a Job whose pod never started, then succeeds. */
  private final KubernetesJobActivities jobs =
      call -> {
        calls.add(call);
        if (call.tryNumber() == 1 && !call.taskId().equals("publish")) {
          throw ApplicationFailure.newFailure(
              "pod render-1 did not start within 120 s: ImagePullBackOff", "PodStartupTimeout");
        }
        return Map.of("job_name", "k8s-render-" + call.mapIndex(), "logs", "frame 120/120\ndone");
      };

  private DagRunResult run(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Dag d) {
    worker.registerActivitiesImplementations(persistence, jobs, new TestPools(Map.of()));
    env.start();
    return Runs.run(client, worker, d);
  }

  /**
   *
   *
   * <pre>  render (KubernetesJobOperator, retries 1, pool gpu) >> publish  </pre>
   */
  @Test
  void aFailedTryIsRetriedAndTheJobNameAndLogTailAreTheXCom(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    DagBuilder b = Dag.builder("render_frames");
    var render =
        b.add(
                new KubernetesJobOperator("render", "studio/render:1.4")
                    .cmds("render")
                    .arguments("--frames", "120"))
            .retries(1)
            .retryDelay(Duration.ofSeconds(30))
            .executionTimeout(Duration.ofHours(1));
    render.then(b.add(new KubernetesJobOperator("publish", "studio/publish:2")));

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals(Map.of("render", "success", "publish", "success"), result.taskStates());
    assertEquals(
        List.of("scheduled", "queued", "running", "up_for_retry", "queued", "running", "success"),
        persistence.statesOf("render", -1));
    assertEquals(
        "pod render-1 did not start within 120 s: ImagePullBackOff",
        persistence.records.stream()
            .filter(r -> r.taskId().equals("render") && r.state().equals("up_for_retry"))
            .findFirst()
            .orElseThrow()
            .note());
    assertEquals(
        Map.of("job_name", "k8s-render--1", "logs", "frame 120/120\ndone"),
        new ObjectMapper().readValue(persistence.last("render", -1).xcomJson(), Map.class));
    TaskCall first = calls.get(0);
    assertEquals("studio/render:1.4", first.args().get("image"));
    assertEquals(List.of("--frames", "120"), first.args().get("arguments"));
    assertEquals("KubernetesJobOperator", persistence.last("render", -1).operator());
  }

  /**
   *
   *
   * <pre>  shard[0], shard[1] (KubernetesJobOperator expanded over arguments)  </pre>
   */
  @Test
  void aJobMappedOverArgumentsRunsOneJobPerList(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("shards");
    b.add(
            new KubernetesJobOperator("shard", "studio/render:1.4")
                .cmds("render")
                .expand(
                    Kwargs.of(
                        "arguments", List.of(List.of("--shard", "0"), List.of("--shard", "1")))))
        .retries(1)
        .retryDelay(Duration.ofSeconds(1));

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals(Map.of("shard[0]", "success", "shard[1]", "success"), result.taskStates());
    assertEquals(
        List.of(List.of("--shard", "0"), List.of("--shard", "1")),
        calls.stream()
            .filter(c -> c.tryNumber() == 2)
            .sorted((x, y) -> Integer.compare(x.mapIndex(), y.mapIndex()))
            .map(c -> c.args().get("arguments"))
            .toList());
  }
}
