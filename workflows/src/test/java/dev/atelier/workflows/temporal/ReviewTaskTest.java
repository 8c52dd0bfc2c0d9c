package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.workflows.activities.ReviewAnswer;
import dev.atelier.workflows.activities.ReviewOpening;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.ReviewOperator;
import dev.atelier.workflows.dsl.Task;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A review as a task: the run records the pending review, waits (days, in skipped time) with no
 * activity running, and goes on when the app signals the answer; the timeout answers with the
 * defaults, or fails the task without them.
 *
 * <pre>
 *   train ──▶ pick_best ──▶ review ──▶ publish
 *     └───────────────────────▲  (the trials are the review's argument)
 * </pre>
 */
class ReviewTaskTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private static final List<Map<String, Object>> TRIALS =
      List.of(
          Map.of("map_index", 0, "mlflow_run_id", "run-a", "status", "SUCCEEDED"),
          Map.of("map_index", 1, "mlflow_run_id", "run-b", "status", "SUCCEEDED"));

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final FakeReviews reviews = new FakeReviews();

  private static Dag dag(UnaryOperator<ReviewOperator> settings) {
    DagBuilder b = Dag.builder("reviewed");
    Task train = b.add(new FunctionTask("train", ctx -> TRIALS));
    Task pick =
        b.add(
            new FunctionTask(
                "pick_best", ctx -> Map.of("metric", "fd_rgb8", "mode", "min", "value", 3.1)));
    train.then(pick);
    Task review =
        b.add(
            settings.apply(
                new ReviewOperator("review", "Pick the champion").candidates(train, pick)));
    review.then(b.add(new FunctionTask("publish", ctx -> "published")));
    return b.build();
  }

  private DagRunWorkflow start(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient c, Dag d) {
    worker.registerActivitiesImplementations(
        persistence, new FunctionRunner(d), new TestPools(Map.of()), reviews);
    env.start();
    DagRunWorkflow run = Runs.stub(c, worker, d, "manual__1");
    WorkflowClient.start(run::run, Runs.input(d, "manual__1", Map.of(), null));
    return run;
  }

  private static DagRunResult result(WorkflowClient client) {
    return client
        .newUntypedWorkflowStub(AtelierWorkflows.workflowId("reviewed", "manual__1"))
        .getResult(DagRunResult.class);
  }

  private static ReviewAnswer answer(String option, String who, String candidate, Long step) {
    return new ReviewAnswer(
        1, List.of(option), who, "2026-11-22T09:00:00Z", candidate, step, "crisper faces", false);
  }

  @Test
  void approve_theRunWaitsWithoutAnActivityThenSucceedsWithTheAnswerInXCom(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagRunWorkflow run = start(env, worker, client, dag(r -> r.topK(2)));

    env.sleep(Duration.ofDays(30));
    assertEquals(1, reviews.opened.size(), "the review was recorded once, when the task started");
    ReviewOpening opening = reviews.opened.get(0);
    assertEquals("Pick the champion", opening.subject());
    assertEquals(2, opening.trials().size());
    assertEquals("fd_rgb8", opening.best().get("metric"));
    assertEquals(2, opening.topK());
    assertEquals(null, opening.timeoutAtMillis());
    assertEquals("deferred", persistence.last("review", -1).state());
    assertEquals("waiting for review 1", persistence.last("review", -1).note());
    assertEquals(List.of(), persistence.statesOf("publish", -1));
    assertEquals(List.of(), reviews.closed, "no timeout: nothing closes the review");

    run.reviewAnswered(answer("Approve", "lead1", "run-b", 300L));

    assertEquals(Map.of("review", "success", "publish", "success"), withoutSources(client));
    String xcom = persistence.last("review", -1).xcomJson();
    assertTrue(xcom.contains("\"chosen_options\":[\"Approve\"]"), xcom);
    assertTrue(xcom.contains("\"responded_by_user\":{\"id\":\"lead1\",\"name\":\"lead1\"}"), xcom);
    assertTrue(xcom.contains("\"candidate\":\"run-b\""), xcom);
    assertTrue(xcom.contains("\"step\":300"), xcom);

    // The month-long wait and the signal replay: a worker restarted mid-review rebuilds the run.
    WorkflowExecutionHistory history =
        client.fetchHistory(AtelierWorkflows.workflowId("reviewed", "manual__1"));
    assertTrue(
        history.getEvents().stream().anyMatch(e -> e.hasWorkflowExecutionSignaledEventAttributes()),
        "the answer arrived as a signal");
    assertDoesNotThrow(
        () -> WorkflowReplayer.replayWorkflowExecution(history, DagRunWorkflowImpl.class));
  }

  @Test
  void reject_skipsWhatFollowsAndTheReviewSucceeds(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagRunWorkflow run = start(env, worker, client, dag(r -> r));
    env.sleep(Duration.ofHours(1));

    run.reviewAnswered(answer("Reject", "lead1", null, null));

    assertEquals(Map.of("review", "success", "publish", "skipped"), withoutSources(client));
    assertEquals("skipped: review 'review' was rejected", persistence.last("publish", -1).note());
    assertEquals("success", result(client).state());
  }

  @Test
  void rejectWithFailOnReject_failsTheTaskAndTheRun(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagRunWorkflow run = start(env, worker, client, dag(r -> r.failOnReject(true)));
    env.sleep(Duration.ofHours(1));

    run.reviewAnswered(answer("Reject", "lead1", null, null));

    assertEquals(Map.of("review", "failed", "publish", "upstream_failed"), withoutSources(client));
    assertEquals(
        "review 'review' was rejected by lead1: crisper faces",
        persistence.last("review", -1).note());
    assertEquals("failed", result(client).state());
  }

  @Test
  void timeout_theDefaultsAnswer(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker, client, dag(r -> r.defaults("Reject").timeout(Duration.ofDays(2))));

    assertEquals(Map.of("review", "success", "publish", "skipped"), withoutSources(client));
    assertEquals(List.of(1L), reviews.closed);
    String xcom = persistence.last("review", -1).xcomJson();
    assertTrue(xcom.contains("\"chosen_options\":[\"Reject\"]"), xcom);
    assertTrue(xcom.contains("\"timed_out\":true"), xcom);
    long waited =
        persistence.last("review", -1).endMillis() - persistence.last("review", -1).startMillis();
    assertTrue(waited >= Duration.ofDays(2).toMillis(), "waited " + waited + " ms");
  }

  @Test
  void timeoutWithoutDefaults_failsTheTask(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    start(env, worker, client, dag(r -> r.timeout(Duration.ofHours(6))));

    assertEquals(Map.of("review", "failed", "publish", "upstream_failed"), withoutSources(client));
    assertEquals(
        "review 'review' timed out after 21600 s with no answer and no defaults",
        persistence.last("review", -1).note());
  }

  @Test
  void anAnswerStoredJustBeforeTheTimeoutWinsOverTheDefaults(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    reviews.storeWithoutSignal(answer("Approve", "lead2", "run-a", 200L));
    start(env, worker, client, dag(r -> r.defaults("Reject").timeout(Duration.ofHours(1))));

    assertEquals(Map.of("review", "success", "publish", "success"), withoutSources(client));
    assertTrue(persistence.last("review", -1).xcomJson().contains("\"candidate\":\"run-a\""));
  }

  private static Map<String, String> withoutSources(WorkflowClient client) {
    Map<String, String> states = new java.util.TreeMap<>(result(client).taskStates());
    states.remove("train");
    states.remove("pick_best");
    return states;
  }

  @SuppressWarnings("unused")
  private static WorkflowStub untyped(WorkflowClient client) {
    return client.newUntypedWorkflowStub(AtelierWorkflows.workflowId("reviewed", "manual__1"));
  }
}
