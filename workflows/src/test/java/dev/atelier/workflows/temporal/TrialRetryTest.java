package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.activities.TaskInstanceTry;
import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Task;
import dev.atelier.workflows.dsl.TrainOperator;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A train task's Airflow retries and execution_timeout, applied to each trial on the test server's
 * skipped clock, with the launcher mocked. Every Dag here is
 *
 * <pre>
 *   prepare_dataset ──▶ train[0..n]   (TrainOperator, lr mapped)
 * </pre>
 */
class TrialRetryTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final TrialActivities trials =
      mock(TrialActivities.class, withSettings().withoutAnnotations());
  private final Map<Integer, Queue<String>> planned = new ConcurrentHashMap<>();
  private final Map<Integer, List<Long>> launchedAt = new ConcurrentHashMap<>();
  private final List<String> cancelledJobs = new CopyOnWriteArrayList<>();
  private final CountDownLatch jobCancelled = new CountDownLatch(1);
  private final List<String> launchAttempts = new CopyOnWriteArrayList<>();
  private final List<TaskInstanceTry> awaited = new CopyOnWriteArrayList<>();
  private volatile String launchRefusal;

  /** Trial {@code i}'s tries end with these statuses, one per launch ("HANG": until cancelled). */
  private void endWith(int mapIndex, String... statuses) {
    planned.put(mapIndex, new ConcurrentLinkedQueue<>(List.of(statuses)));
  }

  private DagRunResult run(
      TestWorkflowEnvironment env,
      Worker worker,
      WorkflowClient client,
      String dagId,
      List<Double> lrs,
      Consumer<Task> settings) {
    when(trials.launchTrial(any()))
        .thenAnswer(
            inv -> {
              TrialRequest r = inv.getArgument(0);
              launchAttempts.add("train[" + r.mapIndex() + "]");
              if (launchRefusal != null) {
                throw ApplicationFailure.newFailure(launchRefusal, "BadSpec");
              }
              launchedAt
                  .computeIfAbsent(r.mapIndex(), i -> new CopyOnWriteArrayList<>())
                  .add(env.currentTimeMillis());
              int n = launchedAt.get(r.mapIndex()).size();
              return new TrialHandle(
                  "job-" + r.mapIndex() + "-t" + n,
                  "run-" + r.mapIndex() + "-t" + n,
                  "/work/" + r.mapIndex(),
                  r.mapIndex());
            });
    when(trials.awaitTrial(any())).thenAnswer(inv -> outcome(inv.getArgument(0)));
    doAnswer(
            inv -> {
              cancelledJobs.add(((TrialHandle) inv.getArgument(0)).jobId());
              jobCancelled.countDown();
              return null;
            })
        .when(trials)
        .cancelTrial(any());
    worker.registerActivitiesImplementations(
        persistence, new FakeTracking(), new FakeOperators(), trials);
    env.start();
    DagBuilder b = Dag.builder(dagId);
    Task prepare =
        b.add(
            new ActivityOperator("prepare_dataset", OperatorActivities.PREPARE_DATASET)
                .arg("path", "/data/emoji")
                .arg("image_size", 32));
    Task train =
        b.add(
            TrainOperator.partial("train", Kwargs.of("model", "dcgan32", "steps", 300))
                .expand(Kwargs.of("lr", lrs)));
    settings.accept(train);
    prepare.then(train);
    return Runs.run(client, worker, b.build());
  }

  private TrialOutcome outcome(TrialHandle h) throws InterruptedException {
    int i = h.mapIndex();
    awaited.add(h.instance());
    String status = planned.get(i).poll();
    return switch (status == null ? "SUCCEEDED" : status) {
      case "SUCCEEDED" ->
          new TrialOutcome(i, h.mlflowRunId(), "SUCCEEDED", 0, null, Map.of("loss_g", 1.0), 300);
      case "FAILED" ->
          new TrialOutcome(
              i,
              h.mlflowRunId(),
              "FAILED",
              1,
              "CUDA error: an illegal memory access was encountered",
              Map.of(),
              40);
      case "BAD_SPEC" ->
          new TrialOutcome(
              i, h.mlflowRunId(), "BAD_SPEC", 2, "hyperparams.lr: -1 must be > 0", Map.of(), 0);
      case "DIVERGED" ->
          new TrialOutcome(
              i, h.mlflowRunId(), "DIVERGED", 3, "loss_d was NaN at step 12", Map.of(), 12);
      case "INTERRUPTED" ->
          new TrialOutcome(
              i, h.mlflowRunId(), "INTERRUPTED", 75, "SIGTERM at step 120", Map.of(), 120);
      case "GONE" ->
          new TrialOutcome(
              i,
              h.mlflowRunId(),
              "GONE",
              -1,
              "the pod of Job job-0 vanished without an exit code (node lost)",
              Map.of(),
              80);
      case "HANG" -> {
        // A job that never ends by itself: only the workflow's cancelTrial stops it.
        jobCancelled.await(30, TimeUnit.SECONDS);
        yield new TrialOutcome(i, h.mlflowRunId(), "FAILED", 143, "killed", Map.of(), 7);
      }
      default -> throw new IllegalArgumentException(status);
    };
  }

  /**
   * Trial {@code i} was launched again after these waits (test-server time, plus under 5 s of real
   * time the activities took).
   */
  private void assertWaits(int mapIndex, long... seconds) {
    List<Long> at = launchedAt.get(mapIndex);
    assertEquals(seconds.length + 1, at.size(), "launches of trial " + mapIndex);
    for (int k = 0; k < seconds.length; k++) {
      long waited = at.get(k + 1) - at.get(k);
      assertTrue(
          waited >= seconds[k] * 1000 && waited < seconds[k] * 1000 + 5_000,
          "wait " + (k + 1) + " was " + waited + " ms, expected " + seconds[k] + " s");
    }
  }

  private List<String> retryNotes(int mapIndex) {
    return persistence.records.stream()
        .filter(r -> r.taskId().equals("train") && r.mapIndex() == mapIndex)
        .filter(r -> r.state().equals("up_for_retry"))
        .map(TaskInstanceRecord::note)
        .toList();
  }

  /**
   *
   *
   * <pre>
   *   train (retries 2, retry_delay 60 s, exponential backoff): FAILED, FAILED, SUCCEEDED
   * </pre>
   */
  @Test
  void aFailingTrialRetriedTwiceThenSucceedingShowsTryThreeAndSuccess(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    endWith(0, "FAILED", "FAILED", "SUCCEEDED");

    DagRunResult result =
        run(
            env,
            worker,
            client,
            "flaky_gpu",
            List.of(0.0002),
            t -> t.retries(2).retryDelay(Duration.ofSeconds(60)).retryExponentialBackoff(true));

    assertEquals("success", result.taskStates().get("train[0]"));
    assertEquals(
        List.of(
            "scheduled",
            "running",
            "running",
            "up_for_retry",
            "running",
            "running",
            "up_for_retry",
            "running",
            "running",
            "success"),
        persistence.statesOf("train", 0));
    TaskInstanceRecord last = persistence.last("train", 0);
    assertEquals(3, last.tryNumber());
    assertEquals("run-0-t3", last.mlflowRunId());
    assertEquals(
        List.of(
            "FAILED: CUDA error: an illegal memory access was encountered",
            "FAILED: CUDA error: an illegal memory access was encountered"),
        retryNotes(0));
    // Airflow's backoff for flaky_gpu#train#<logical date>#1 and #2 (computed with Python's
    // hashlib): 60 s doubled, placed by the hash.
    assertWaits(0, 66, 186);
  }

  /**
   *
   *
   * <pre>
   *   train (retries 1): FAILED, FAILED
   * </pre>
   */
  @Test
  void aTrialOutOfRetriesFailsWithItsLastReason(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    endWith(0, "FAILED", "FAILED");

    DagRunResult result =
        run(
            env,
            worker,
            client,
            "out_of_retries",
            List.of(0.0002),
            t -> t.retries(1).retryDelay(Duration.ofSeconds(30)));

    assertEquals("failed", result.taskStates().get("train[0]"));
    TaskInstanceRecord last = persistence.last("train", 0);
    assertEquals("failed", last.state());
    assertEquals(2, last.tryNumber());
    assertEquals("FAILED: CUDA error: an illegal memory access was encountered", last.note());
    assertWaits(0, 30);
  }

  /**
   *
   *
   * <pre>
   *   train[0]: BAD_SPEC   train[1]: DIVERGED   (retries 3)
   * </pre>
   */
  @Test
  void aBadSpecOrADivergedTrialIsNotRetriedBecauseTheSameSpecWouldEndTheSame(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    endWith(0, "BAD_SPEC");
    endWith(1, "DIVERGED");

    DagRunResult result =
        run(
            env,
            worker,
            client,
            "hopeless",
            List.of(-1.0, 0.5),
            t -> t.retries(3).retryDelay(Duration.ofSeconds(30)));

    assertEquals("failed", result.taskStates().get("train[0]"));
    assertEquals("failed", result.taskStates().get("train[1]"));
    assertEquals(1, launchedAt.get(0).size());
    assertEquals(1, launchedAt.get(1).size());
    assertEquals("BAD_SPEC: hyperparams.lr: -1 must be > 0", persistence.last("train", 0).note());
    assertEquals("DIVERGED: loss_d was NaN at step 12", persistence.last("train", 1).note());
    assertEquals(1, persistence.last("train", 0).tryNumber());
    assertEquals(List.of(), retryNotes(0));
  }

  /**
   *
   *
   * <pre>
   *   train (retries 2): the launcher refuses the trial's spec (BadSpec)
   * </pre>
   */
  @Test
  void aLaunchRefusedAsABadSpecIsNotRetried(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    launchRefusal = "hyperparams.batch_size: 0 must be at least 1";

    DagRunResult result =
        run(
            env,
            worker,
            client,
            "refused",
            List.of(0.0002),
            t -> t.retries(2).retryDelay(Duration.ofSeconds(30)));

    assertEquals("failed", result.taskStates().get("train[0]"));
    assertEquals(List.of("train[0]"), launchAttempts);
    TaskInstanceRecord last = persistence.last("train", 0);
    assertEquals(1, last.tryNumber());
    assertEquals("FAILED: hyperparams.batch_size: 0 must be at least 1", last.note());
  }

  /**
   *
   *
   * <pre>
   *   train (execution_timeout 2 s, retries 1, retry_delay 10 s): try 1 hangs, try 2 succeeds
   * </pre>
   *
   * The test server does not skip time while an activity runs, so the timeout is 2 s of real time.
   */
  @Test
  void aTrialPastItsExecutionTimeoutHasItsJobCancelledAndIsRetried(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    endWith(0, "HANG", "SUCCEEDED");

    DagRunResult result =
        run(
            env,
            worker,
            client,
            "slow_trial",
            List.of(0.0002),
            t ->
                t.executionTimeout(Duration.ofSeconds(2))
                    .retries(1)
                    .retryDelay(Duration.ofSeconds(10)));

    assertEquals("success", result.taskStates().get("train[0]"));
    assertEquals(List.of("job-0-t1"), cancelledJobs);
    assertEquals(
        List.of("FAILED: AirflowTaskTimeout: the try ran longer than its execution_timeout of 2 s"),
        retryNotes(0));
    assertEquals(2, persistence.last("train", 0).tryNumber());
    // The 2 s the hung try ran, then the retry delay.
    assertWaits(0, 12);
  }

  /**
   *
   *
   * <pre>
   *   train (retries 1, retry_delay 30 s; max_interrupted_retries 2 by default):
   *     INTERRUPTED, INTERRUPTED, FAILED, SUCCEEDED
   * </pre>
   */
  @Test
  void interruptedRelaunchesDoNotCountAgainstRetries(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    endWith(0, "INTERRUPTED", "INTERRUPTED", "FAILED", "SUCCEEDED");

    DagRunResult result =
        run(
            env,
            worker,
            client,
            "preempted",
            List.of(0.0002),
            t -> t.retries(1).retryDelay(Duration.ofSeconds(30)));

    assertEquals("success", result.taskStates().get("train[0]"));
    assertEquals(4, persistence.last("train", 0).tryNumber());
    assertEquals(
        List.of(
            "INTERRUPTED: SIGTERM at step 120",
            "INTERRUPTED: SIGTERM at step 120",
            "FAILED: CUDA error: an illegal memory access was encountered"),
        retryNotes(0));
    // An interrupted trial resumes at once from its checkpoint; only the failure waits.
    assertWaits(0, 0, 0, 30);
  }

  /**
   *
   *
   * <pre>
   *   train (retries 1, retry_delay 30 s; max_interrupted_retries 2 by default):
   *     GONE, GONE, GONE, SUCCEEDED
   * </pre>
   */
  @Test
  void aVanishedPodIsRelaunchedAtOnceLikeAnInterruptedOneThenFallsToRetries(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    endWith(0, "GONE", "GONE", "GONE", "SUCCEEDED");

    DagRunResult result =
        run(
            env,
            worker,
            client,
            "node_lost",
            List.of(0.0002),
            t -> t.retries(1).retryDelay(Duration.ofSeconds(30)));

    assertEquals("success", result.taskStates().get("train[0]"));
    assertEquals(4, persistence.last("train", 0).tryNumber());
    String gone = "GONE: the pod of Job job-0 vanished without an exit code (node lost)";
    assertEquals(List.of(gone, gone, gone), retryNotes(0));
    // Two relaunches at once on the interruption budget, resuming; the third GONE is a retry.
    assertWaits(0, 0, 0, 30);
    // Each wait is told which try of which instance it is, to show its Job's phase there.
    String runId = persistence.last("train", 0).runId();
    assertEquals(
        List.of(1, 2, 3, 4).stream()
            .map(n -> new TaskInstanceTry("node_lost", runId, "train", 0, n))
            .toList(),
        awaited);
  }

  /**
   *
   *
   * <pre>
   *   train (no retries; max_interrupted_retries 2 by default): GONE, INTERRUPTED, GONE
   * </pre>
   */
  @Test
  void vanishedAndInterruptedTriesShareOneBudgetAndWithoutRetriesTheTrialThenFails(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    endWith(0, "GONE", "INTERRUPTED", "GONE", "SUCCEEDED");

    DagRunResult result = run(env, worker, client, "flaky_node", List.of(0.0002), t -> {});

    assertEquals("failed", result.taskStates().get("train[0]"));
    TaskInstanceRecord last = persistence.last("train", 0);
    assertEquals(3, last.tryNumber());
    assertEquals(
        "GONE: the pod of Job job-0 vanished without an exit code (node lost)", last.note());
    assertWaits(0, 0, 0);
  }
}
