package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.search.AlgorithmSpec;
import dev.atelier.workflows.search.BudgetSpec;
import dev.atelier.workflows.search.Direction;
import dev.atelier.workflows.search.EarlyStoppingSpec;
import dev.atelier.workflows.search.Objective;
import dev.atelier.workflows.search.ParamSpec;
import dev.atelier.workflows.search.PbtSpec;
import dev.atelier.workflows.search.SearchSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A searching sweep on the test server, its trials simulated ({@link SimulatedTrials}: each trial
 * reports {@code fd_rgb8} every 100 steps, converging to a value set by its learning rate, best at
 * lr = 10^-3.5). The sweep is started on its own, as the Dag run's train task starts it.
 */
class SearchingSweepTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private static final String METRIC = "fd_rgb8";
  private final RecordingPersistence persistence = new RecordingPersistence();
  private final FakeTracking tracking = new FakeTracking();
  private final SimulatedTrials trials = new SimulatedTrials(METRIC, 100, 40);

  private static final ParamSpec LR =
      new ParamSpec("lr", "log_uniform", 1e-5, 1e-2, null, false, null, null, null);

  private static SearchSpec spec(
      String algorithm, int maxTrials, int parallel, EarlyStoppingSpec stopping, PbtSpec pbt) {
    return new SearchSpec(
        List.of(LR),
        new Objective(METRIC, Direction.MINIMIZE, false),
        new AlgorithmSpec(algorithm, 4, 24, true, true),
        new BudgetSpec(maxTrials, parallel, 0, 0),
        stopping,
        List.of(),
        pbt,
        7);
  }

  private static SweepInput input(SearchSpec search, int steps) {
    return new SweepInput(
        "searching",
        "manual__1",
        "train",
        List.of(),
        Map.of("path", "/data/emoji"),
        1234,
        0,
        search.budget().maxParallelTrials(),
        2,
        Map.of("search.algorithm", search.algorithm().name()),
        null,
        1,
        1,
        Map.of(),
        null,
        Runs.LOGICAL_DATE,
        search,
        Map.of("model", "dcgan32", "steps", steps));
  }

  private SweepWorkflow start(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, SweepInput input) {
    trials.client = client;
    worker.registerActivitiesImplementations(persistence, tracking, new FakeOperators(), trials);
    env.start();
    SweepWorkflow sweep =
        client.newWorkflowStub(
            SweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("dagrun:searching:manual__1:train")
                .setTaskQueue(worker.getTaskQueue())
                .build());
    WorkflowClient.start(sweep::run, input);
    return sweep;
  }

  private TaskInstanceRecord lastRecord(int mapIndex) {
    List<TaskInstanceRecord> rs =
        persistence.records.stream()
            .filter(r -> r.taskId().equals("train") && r.mapIndex() == mapIndex)
            .toList();
    return rs.get(rs.size() - 1);
  }

  /**
   * Nine random trials of 900 steps, three at once, ASHA with rungs at 100 and 300 (η 3): the
   * trials that trail at a rung are stopped there, so the sweep trains far fewer than 9 × 900
   * steps; a stopped trial's task instance is a success noted "pruned", its outcome PRUNED; the
   * best trial is a completed one and the parent run is tagged with it.
   */
  @Test
  void ashaStopsTrailingTrialsAtTheirRungAndTheBestCompletedTrialWins(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SearchSpec search = spec("random", 9, 3, new EarlyStoppingSpec("asha", 100, 3, 900, 0), null);
    SweepWorkflow sweep = start(env, worker, client, input(search, 900));

    List<TrialOutcome> outcomes = sweepResult(client);

    assertEquals(9, outcomes.size());
    List<TrialOutcome> pruned = outcomes.stream().filter(o -> o.status().equals("PRUNED")).toList();
    assertFalse(pruned.isEmpty(), "ASHA stopped no trial: " + outcomes);
    TrialOutcome firstPruned = pruned.get(0);
    TaskInstanceRecord record = lastRecord(firstPruned.mapIndex());
    assertEquals("success", record.state());
    assertTrue(record.note().startsWith("pruned: "), record.note());
    assertTrue(trials.stopRequests.get(firstPruned.mapIndex()).contains("rung"), record.note());

    SweepState state = sweep.state();
    long spent = state.trialStepsSpent();
    assertTrue(spent < 9 * 900, "spent " + spent);
    assertNotNull(state.bestTrial());
    SweepTrial best = state.trials().get(state.bestTrial());
    assertEquals("complete", best.state());
    for (SweepTrial t : state.trials()) {
      if (t.state().equals("complete")) {
        assertTrue(best.objective() <= t.objective(), t + " beats " + best);
      }
    }
    Map<String, String> parentTags = tracking.tags.values().iterator().next();
    assertEquals(String.valueOf(best.id()), parentTags.get("atelier.best_trial"));
    assertEquals("dagrun:searching:manual__1:train", parentTags.get("atelier.sweep_workflow_id"));
    assertTrue(tracking.finished.get(0).endsWith(":FINISHED"), tracking.finished.toString());
    // Every trial was told where to report.
    for (TrialRequest r : trials.launched) {
      assertEquals("dagrun:searching:manual__1:train", r.sweepWorkflowId());
    }

    // The sweep's decisions replay: the sampler and the pruner answer the same calls the same way.
    WorkflowExecutionHistory history = client.fetchHistory("dagrun:searching:manual__1:train");
    try {
      WorkflowReplayer.replayWorkflowExecution(history, SweepWorkflowImpl.class);
    } catch (Exception e) {
      throw new AssertionError("replay failed", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static List<TrialOutcome> sweepResult(WorkflowClient client) {
    List<?> raw =
        client.newUntypedWorkflowStub("dagrun:searching:manual__1:train").getResult(List.class);
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .convertValue(
            raw, new com.fasterxml.jackson.core.type.TypeReference<List<TrialOutcome>>() {});
  }

  /**
   * One trial at a time, then three: raising max_parallel_trials while the sweep runs lets three
   * trials run together; asking for 0 is refused naming the field and the rule.
   */
  @Test
  void raisingMaxParallelTrialsWhileItRunsStartsMoreTrialsAtOnce(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SweepWorkflow sweep =
        start(env, worker, client, input(spec("random", 6, 1, EarlyStoppingSpec.NONE, null), 600));
    WorkflowUpdateException refused =
        assertThrows(WorkflowUpdateException.class, () -> sweep.setMaxParallelTrials(0));
    assertTrue(
        String.valueOf(refused.getCause().getMessage())
            .contains("max_parallel_trials: 0 must be between 1 and 32"),
        refused.getCause().getMessage());
    // A lead's control is held to the trigger's maximum (Limits.MAX_PARALLEL_TRIALS), not more.
    WorkflowUpdateException tooMany =
        assertThrows(WorkflowUpdateException.class, () -> sweep.setMaxParallelTrials(33));
    assertTrue(
        String.valueOf(tooMany.getCause().getMessage())
            .contains(
                "max_parallel_trials: 33 must be between 1 and 32, the most trials of one sweep at"
                    + " once"),
        tooMany.getCause().getMessage());
    while (trials.launched.size() < 2) {
      sleep(20);
    }
    assertEquals(1, trials.maxRunning.get());
    assertEquals(3, sweep.setMaxParallelTrials(3));
    List<TrialOutcome> outcomes = sweepResult(client);
    assertEquals(6, outcomes.size());
    assertEquals(3, trials.maxRunning.get());
    assertEquals(3, sweep.state().maxParallelTrials());
    // The parent run keeps the limits as they ended, for the sweep page once it has ended.
    Map<String, String> parentTags = tracking.tags.values().iterator().next();
    assertEquals("3", parentTags.get("atelier.max_parallel_trials"), parentTags.toString());
    assertEquals("6", parentTags.get("atelier.max_trials"), parentTags.toString());
  }

  /**
   * Stopping a sweep: no new trial starts, the running ones are stopped with reason sweep_stopped,
   * and the sweep still names its best trial.
   */
  @Test
  void stoppingTheSweepStopsRunningTrialsAndKeepsTheBest(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    SweepWorkflow sweep =
        start(
            env, worker, client, input(spec("random", 20, 2, EarlyStoppingSpec.NONE, null), 3000));
    while (trials.launched.size() < 2) {
      Thread.sleep(20);
    }
    Thread.sleep(300);
    sweep.stopSweep("lead@studio");
    List<TrialOutcome> outcomes = sweepResult(client);
    assertTrue(outcomes.size() < 20, "started " + outcomes.size());
    SweepState state = sweep.state();
    assertTrue(state.stopping());
    for (SweepTrial t : state.trials()) {
      assertEquals("pruned", t.state(), t.toString());
      assertEquals("sweep_stopped", t.stopReason());
      assertTrue(t.stopDetail().contains("lead@studio"), t.stopDetail());
    }
    assertNotNull(state.bestTrial());
  }

  /**
   * With the global trial cap at one, a sweep of two parallel trials has one training and one
   * queued for a slot. Stopping the sweep then stops the running one and withdraws the queued one:
   * it never launches (once it launched and was stopped straight after), and ends pruned.
   */
  @Test
  void stoppingTheSweepWithdrawsATrialStillWaitingForASlot(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    worker.registerActivitiesImplementations(new TestPools(Map.of(TrialSlots.POOL, 1)));
    SweepInput plain = input(spec("random", 2, 2, EarlyStoppingSpec.NONE, null), 3000);
    SweepInput capped =
        new SweepInput(
            plain.dagId(),
            plain.runId(),
            plain.taskId(),
            plain.trials(),
            plain.dataset(),
            plain.probeSeed(),
            plain.gpus(),
            plain.maxParallelTrials(),
            plain.maxInterruptedRetries(),
            plain.sweepParams(),
            plain.pool(),
            plain.poolSlots(),
            plain.priorityWeight(),
            plain.kubernetes(),
            plain.tries(),
            plain.logicalDate(),
            plain.search(),
            plain.baseHyperparams(),
            plain.reportsPerRun(),
            plain.carried(),
            TrialSlots.POOL);
    SweepWorkflow sweep = start(env, worker, client, capped);
    while (trials.launched.size() < 1
        || persistence.records.stream()
            .noneMatch(r -> TrialSlots.WAITING.equals(r.note()) && r.mapIndex() != first())) {
      Thread.sleep(20);
    }
    Thread.sleep(300);
    sweep.stopSweep("lead@studio");
    List<TrialOutcome> outcomes = sweepResult(client);

    assertEquals(1, trials.launched.size(), "launched: " + trials.launched);
    int queued = 1 - first();
    TrialOutcome withdrawn =
        outcomes.stream().filter(o -> o.mapIndex() == queued).findFirst().orElseThrow();
    assertEquals("PRUNED", withdrawn.status(), withdrawn.toString());
    assertTrue(withdrawn.reason().contains("never launched"), withdrawn.reason());
    assertNull(withdrawn.mlflowRunId());
    TaskInstanceRecord last = lastRecord(queued);
    assertEquals("success", last.state(), last.toString());
    assertTrue(last.note().startsWith("pruned: stopped while waiting"), last.note());
  }

  private int first() {
    return trials.launched.get(0).mapIndex();
  }

  /** Adding trials raises the budget of a running sweep; a fixed sweep refuses it. */
  @Test
  void addingTrialsRaisesTheBudget(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    SweepWorkflow sweep =
        start(env, worker, client, input(spec("random", 2, 1, EarlyStoppingSpec.NONE, null), 400));
    assertEquals(4, sweep.addTrials(2));
    // The budget may not pass the most trials one sweep may have (Limits.MAX_TRIALS_PER_SWEEP).
    WorkflowUpdateException refused =
        assertThrows(WorkflowUpdateException.class, () -> sweep.addTrials(253));
    assertTrue(
        String.valueOf(refused.getCause().getMessage())
            .contains(
                "count: 253 would raise the sweep's max_trials to 257, more than the maximum of"
                    + " 256 trials per sweep"),
        refused.getCause().getMessage());
    assertEquals(4, sweepResult(client).size());
    assertEquals(4, trials.launched.size());
  }

  /**
   * PBT with four members: at the 200-step interval a trailing member is stopped (exploited) and a
   * new trial starts from a leading member's checkpoint at that step, with its lineage recorded.
   */
  @Test
  void pbtReplacesATrailingMemberByAPerturbedCopyOfALeadingOne(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    PbtSpec pbt = new PbtSpec(4, 200, 0.25, List.of(0.8, 1.2), 0.0, List.of("lr"));
    trials.millisPerEvaluation = 200;
    SweepWorkflow sweep =
        start(env, worker, client, input(spec("random", 8, 4, EarlyStoppingSpec.NONE, pbt), 800));
    List<TrialOutcome> outcomes = sweepResult(client);
    assertTrue(outcomes.size() > 4, "no replacement started: " + outcomes);
    SweepState state = sweep.state();
    SweepTrial child = state.trials().get(4);
    assertNotNull(child.parent(), child.toString());
    assertEquals(0, child.parentStep() % 200);
    TrialRequest request = trials.launched.get(4);
    assertEquals(child.parent(), ((Number) request.initFrom().get("map_index")).intValue());
    SweepTrial exploited =
        state.trials().stream()
            .filter(t -> t.id() < 4 && "exploited".equals(t.stopReason()))
            .findFirst()
            .orElseThrow();
    assertNull(exploited.parent());
    // Stopped with its checkpoint, unless it reached its last step before the request landed.
    assertTrue(
        exploited.state().equals("pruned") || exploited.lastStep() == 800, exploited.toString());
    assertTrue(
        state.trials().stream()
            .anyMatch(t -> "exploited".equals(t.stopReason()) && t.state().equals("pruned")),
        "no exploited trial was stopped: " + state.trials());
  }
}
