package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TaskFunctionActivities;
import dev.atelier.workflows.activities.TaskResult;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.FunctionTask;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Airflow's retries on workflow time: the waits between tries ({@code retry_delay}, exponential
 * backoff with jitter, {@code max_retry_delay}) and {@code execution_timeout}, measured from the
 * test server's skipped clock when each try starts.
 */
class RetryTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final TaskFunctionActivities functions =
      mock(TaskFunctionActivities.class, withSettings().withoutAnnotations());
  private final List<Long> tryStarts = new CopyOnWriteArrayList<>();

  private DagRunResult run(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Dag dag) {
    worker.registerActivitiesImplementations(persistence, functions, new TestPools(Map.of()));
    env.start();
    return Runs.run(client, worker, dag);
  }

  /** Each try records when it started; tries before {@code succeedOn} fail. */
  private void failUntil(TestWorkflowEnvironment env, int succeedOn) {
    when(functions.run(any()))
        .thenAnswer(
            inv -> {
              tryStarts.add(env.currentTimeMillis());
              TaskCall call = inv.getArgument(0);
              if (call.tryNumber() < succeedOn) {
                throw ApplicationFailure.newFailure("flaky GPU driver", "Flaky");
              }
              return TaskResult.returned("ok", Map.of());
            });
  }

  private void assertWaits(long... seconds) {
    assertEquals(seconds.length + 1, tryStarts.size(), "tries");
    for (int i = 0; i < seconds.length; i++) {
      long waited = tryStarts.get(i + 1) - tryStarts.get(i);
      assertTrue(
          waited >= seconds[i] * 1000 && waited < seconds[i] * 1000 + 5_000,
          "wait " + (i + 1) + " was " + waited + " ms, expected " + seconds[i] + " s");
    }
  }

  /**
   *
   *
   * <pre>  flaky (retries 3, retry_delay 100 s, exponential backoff, max_retry_delay 300 s)  </pre>
   */
  @Test
  void exponentialBackoffWaitsGrowFromTheRetryDelayUpToTheCap(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    failUntil(env, 4);
    DagBuilder b = Dag.builder("expo");
    b.add(new FunctionTask("flaky", ctx -> null))
        .retries(3)
        .retryDelay(Duration.ofSeconds(100))
        .retryExponentialBackoff(true)
        .maxRetryDelay(Duration.ofSeconds(300));

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals("success", result.state());
    // 100 s doubling with Airflow's hashed jitter: 171 s, 267 s, then 568 s capped at 300 s.
    assertWaits(171, 267, 300);
    assertEquals(
        List.of(
            "scheduled",
            "queued",
            "running",
            "up_for_retry",
            "queued",
            "running",
            "up_for_retry",
            "queued",
            "running",
            "up_for_retry",
            "queued",
            "running",
            "success"),
        persistence.statesOf("flaky", -1));
    assertEquals(4, persistence.last("flaky", -1).tryNumber());
  }

  /**
   *
   *
   * <pre>  flaky (retries 1, retry_delay left at Airflow's default)  </pre>
   */
  @Test
  void theDefaultRetryDelayIsFiveMinutesAndATaskOutOfRetriesFails(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    failUntil(env, 3);
    DagBuilder b = Dag.builder("default_delay");
    b.add(new FunctionTask("flaky", ctx -> null)).retries(1);

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals(Map.of("flaky", "failed"), result.taskStates());
    assertWaits(300);
    assertEquals("flaky GPU driver", persistence.last("flaky", -1).note());
    assertEquals(2, persistence.last("flaky", -1).tryNumber());
  }

  /**
   *
   *
   * <pre>
   *   slow (execution_timeout 60 s, retries 1, retry_delay 10 s): try 1 hangs, try 2 is quick
   * </pre>
   */
  @Test
  void aTryOutlivingExecutionTimeoutFailsAndIsRetried(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    CountDownLatch hung = new CountDownLatch(1);
    when(functions.run(any()))
        .thenAnswer(
            inv -> {
              tryStarts.add(env.currentTimeMillis());
              TaskCall call = inv.getArgument(0);
              if (call.tryNumber() == 1) {
                hung.await(20, TimeUnit.SECONDS);
              }
              return TaskResult.returned("done", Map.of());
            });
    DagBuilder b = Dag.builder("timeouts");
    b.add(new FunctionTask("slow", ctx -> null))
        .executionTimeout(Duration.ofSeconds(2))
        .retries(1)
        .retryDelay(Duration.ofSeconds(10));

    DagRunResult result = run(env, worker, client, b.build());
    hung.countDown();

    assertEquals(Map.of("slow", "success"), result.taskStates());
    assertWaits(12);
    assertEquals(
        "AirflowTaskTimeout: the try ran longer than its execution_timeout of 2 s",
        persistence.records.stream()
            .filter(r -> r.state().equals("up_for_retry"))
            .findFirst()
            .orElseThrow()
            .note());
  }
}
