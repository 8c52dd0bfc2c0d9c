package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.search.AlgorithmSpec;
import dev.atelier.workflows.search.BudgetSpec;
import dev.atelier.workflows.search.Direction;
import dev.atelier.workflows.search.EarlyStoppingSpec;
import dev.atelier.workflows.search.Objective;
import dev.atelier.workflows.search.ParamSpec;
import dev.atelier.workflows.search.PbtSpec;
import dev.atelier.workflows.search.SearchSpec;
import dev.atelier.workflows.search.TrialState;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A searching sweep whose history would grow with every report continues as new every few reports
 * and still decides exactly what the same sweep decides in one run: the same configurations (the
 * sampler's streams carried), the same trials stopped at the same steps, the same PBT replacements,
 * the same best trial and budget. The trials take turns ({@link LockstepTrials}), so both sweeps
 * hear the same things in the same order; trials running at a continue-as-new keep running and are
 * heard to the end by the next run. Every run's history replays against today's code.
 */
class SweepContinuesAsNewTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private static final String METRIC = "fd_rgb8";
  private final LockstepTrials trials = new LockstepTrials(METRIC, 100);

  private static final ParamSpec LR =
      new ParamSpec("lr", "log_uniform", 1e-5, 1e-2, null, false, null, null, null);

  /** One sweep's end: its result, its state query, and the history of each of its runs. */
  private record Ended(List<TrialOutcome> outcomes, SweepState state, List<History> runs) {}

  private record History(WorkflowExecutionHistory history, SweepInput input) {}

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

  private static SweepInput input(SearchSpec search, int steps, int reportsPerRun) {
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
            Map.of("model", "dcgan32", "steps", steps))
        .withReportsPerRun(reportsPerRun);
  }

  private Ended run(WorkflowClient client, Worker worker, String id, SweepInput input) {
    trials.reset(client, id);
    SweepWorkflow sweep =
        client.newWorkflowStub(
            SweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(worker.getTaskQueue())
                .build());
    WorkflowExecution first = WorkflowClient.start(sweep::run, input);
    List<?> raw = client.newUntypedWorkflowStub(id).getResult(List.class);
    List<TrialOutcome> outcomes =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .convertValue(
                raw, new com.fasterxml.jackson.core.type.TypeReference<List<TrialOutcome>>() {});
    // Every map index was launched once: no trial was started again by a later run.
    assertEquals(
        outcomes.size(),
        trials.launched.stream().map(r -> r.mapIndex()).distinct().count(),
        "launched " + trials.launched.size());
    assertEquals(outcomes.size(), trials.launched.size());
    return new Ended(outcomes, sweep.state(), runs(client, id, first.getRunId()));
  }

  /** The sweep's runs in order, following each continue-as-new to the next run. */
  private static List<History> runs(WorkflowClient client, String id, String runId) {
    List<History> runs = new ArrayList<>();
    while (runId != null) {
      WorkflowExecutionHistory h = client.fetchHistory(id, runId);
      List<HistoryEvent> events = h.getEvents();
      SweepInput in =
          DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
              0,
              Optional.of(events.get(0).getWorkflowExecutionStartedEventAttributes().getInput()),
              SweepInput.class,
              SweepInput.class);
      runs.add(new History(h, in));
      HistoryEvent last = events.get(events.size() - 1);
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return runs;
  }

  /**
   * TPE (4 random startup trials, then the model) with ASHA (rungs at 100 and 300, η 3), twelve
   * trials of 900 steps, three at once; one sweep continues as new every 10 reports, the other
   * never. Same trials, same stops, same best, same budget spent.
   */
  @Test
  void tpeWithAshaDecidesTheSameAcrossContinueAsNew(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(
        new RecordingPersistence(), new FakeTracking(), new FakeOperators(), trials);
    env.start();
    SearchSpec search = spec("tpe", 12, 3, new EarlyStoppingSpec("asha", 100, 3, 900, 0), null);

    Ended plain = run(client, worker, "dagrun:searching:plain:train", input(search, 900, -1));
    Ended continued =
        run(client, worker, "dagrun:searching:continued:train", input(search, 900, 10));

    assertEquals(1, plain.runs().size());
    assertSameDecisions(plain, continued);
    assertTrue(
        plain.state().trials().stream().anyMatch(t -> "rung".equals(t.stopReason())),
        "ASHA stopped no trial, the test shows little: " + plain.state().trials());
    replayEveryRun(continued);
    report("tpe+asha", continued);
  }

  /**
   * PBT, four members exploiting at every 200 steps, ten trials in all, continuing as new every 6
   * reports: replacements waiting for a slot cross a continue-as-new with their donor and step, and
   * the lineage comes out the same.
   */
  @Test
  void pbtDecidesTheSameAcrossContinueAsNew(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(
        new RecordingPersistence(), new FakeTracking(), new FakeOperators(), trials);
    env.start();
    PbtSpec pbt = new PbtSpec(4, 200, 0.25, List.of(0.8, 1.2), 0.0, List.of("lr"));
    SearchSpec search = spec("random", 10, 4, EarlyStoppingSpec.NONE, pbt);

    Ended plain = run(client, worker, "dagrun:searching:pbt-plain:train", input(search, 800, -1));
    Ended continued =
        run(client, worker, "dagrun:searching:pbt-continued:train", input(search, 800, 6));

    assertSameDecisions(plain, continued);
    assertTrue(
        plain.state().trials().stream().anyMatch(t -> t.parent() != null),
        "PBT replaced no member, the test shows little: " + plain.state().trials());
    replayEveryRun(continued);
    report("pbt", continued);
  }

  /**
   * Trials holding pool slots across continue-as-new: six random trials, two at once in a two-slot
   * {@code gpu} pool, continuing as new every 4 reports (trials run in real time here). Every trial
   * runs once and succeeds, and when the sweep ends the pool holds nothing: slots taken by one run
   * are given back by the run that hears the trial end.
   */
  @Test
  void poolSlotsTakenBeforeAContinueAsNewAreGivenBackAfterIt(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    SimulatedTrials real = new SimulatedTrials(METRIC, 100, 60);
    real.client = client;
    worker.registerActivitiesImplementations(
        new RecordingPersistence(),
        new FakeTracking(),
        new FakeOperators(),
        real,
        new TestPools(Map.of("gpu", 2)));
    env.start();
    SearchSpec search = spec("random", 6, 2, EarlyStoppingSpec.NONE, null);
    SweepInput base = input(search, 600, 4);
    SweepInput pooled =
        new SweepInput(
            base.dagId(),
            base.runId(),
            base.taskId(),
            base.trials(),
            base.dataset(),
            base.probeSeed(),
            base.gpus(),
            base.maxParallelTrials(),
            base.maxInterruptedRetries(),
            base.sweepParams(),
            "gpu",
            1,
            1,
            base.kubernetes(),
            base.tries(),
            base.logicalDate(),
            base.search(),
            base.baseHyperparams(),
            4,
            null);
    String id = "dagrun:searching:pooled:train";
    SweepWorkflow sweep =
        client.newWorkflowStub(
            SweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(worker.getTaskQueue())
                .build());
    WorkflowExecution first = WorkflowClient.start(sweep::run, pooled);
    List<?> raw = client.newUntypedWorkflowStub(id).getResult(List.class);
    assertEquals(6, raw.size());
    assertTrue(raw.toString().contains("SUCCEEDED"), raw.toString());
    assertEquals(6, real.launched.stream().map(r -> r.mapIndex()).distinct().count());
    assertTrue(real.maxRunning.get() <= 2, "ran " + real.maxRunning.get() + " at once");
    List<History> runs = runs(client, id, first.getRunId());
    assertTrue(runs.size() >= 3, "continued as new " + (runs.size() - 1) + " times");
    assertTrue(
        runs.stream()
            .skip(1)
            .anyMatch(
                r ->
                    r.input().carried().trials().stream()
                        .anyMatch(t -> t.state() == TrialState.RUNNING && t.leasePool() != null)),
        "no run handed over a trial holding slots");
    // Each trial's slots were given back by the sweep itself, one release per trial (the pool
    // would also reclaim a closed holder's slots, which would hide a leak from the check below).
    long releases =
        runs.stream()
            .flatMap(r -> r.history().getEvents().stream())
            .filter(
                e ->
                    e.getEventType()
                            == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED
                        && "release"
                            .equals(
                                e.getSignalExternalWorkflowExecutionInitiatedEventAttributes()
                                    .getSignalName()))
            .count();
    assertEquals(6, releases, "slot releases sent by the sweep's runs");
    PoolWorkflow pool = client.newWorkflowStub(PoolWorkflow.class, PoolWorkflow.workflowId("gpu"));
    long until = System.currentTimeMillis() + 10_000;
    while (pool.status().occupiedSlots() > 0 && System.currentTimeMillis() < until) {
      Thread.sleep(50);
    }
    assertEquals(0, pool.status().occupiedSlots(), pool.status().toString());
    replayEveryRun(new Ended(List.of(), null, runs));
  }

  private static void assertSameDecisions(Ended plain, Ended continued) {
    assertTrue(
        continued.runs().size() >= 3,
        "continued as new " + (continued.runs().size() - 1) + " times, not at least twice");
    // Trials were running when a run closed, and the next run heard them out.
    assertTrue(
        continued.runs().stream()
            .skip(1)
            .anyMatch(
                r ->
                    r.input().carried().trials().stream()
                        .anyMatch(t -> t.state() == TrialState.RUNNING)),
        "no run handed over a running trial");
    SweepState a = plain.state();
    SweepState b = continued.state();
    assertNotNull(a.bestTrial());
    assertEquals(a.bestTrial(), b.bestTrial(), "best trial");
    assertEquals(a.bestValue(), b.bestValue(), "best value");
    assertEquals(a.trialStepsSpent(), b.trialStepsSpent(), "budget spent");
    assertEquals(stopped(a), stopped(b), "stopped trials");
    assertFalse(a.trials().isEmpty());
    assertEquals(a.trials(), b.trials(), "every trial: configuration, evaluations, state, reason");
    assertEquals(plain.outcomes(), continued.outcomes(), "the task's result");
  }

  private static Set<Integer> stopped(SweepState s) {
    return s.trials().stream()
        .filter(t -> t.state().equals("pruned"))
        .map(SweepTrial::id)
        .collect(Collectors.toSet());
  }

  private static void replayEveryRun(Ended sweep) {
    for (History run : sweep.runs()) {
      try {
        WorkflowReplayer.replayWorkflowExecution(run.history(), SweepWorkflowImpl.class);
      } catch (Exception e) {
        throw new AssertionError("replay of a run failed", e);
      }
    }
  }

  /** Prints what the README's sweep section quotes: events per report, runs, reports per run. */
  private static void report(String name, Ended sweep) {
    int events = 0;
    int reports = 0;
    List<Integer> perRun = new ArrayList<>();
    History lastRun = sweep.runs().get(sweep.runs().size() - 1);
    int carriedBytes =
        lastRun
            .history()
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getSerializedSize();
    long evaluations =
        lastRun.input().carried().trials().stream().mapToLong(t -> t.evaluations().size()).sum();
    for (History run : sweep.runs()) {
      events += run.history().getEvents().size();
      int n = 0;
      for (HistoryEvent e : run.history().getEvents()) {
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
            && "report".equals(e.getWorkflowExecutionSignaledEventAttributes().getSignalName())) {
          n++;
        }
      }
      reports += n;
      perRun.add(run.history().getEvents().size());
    }
    System.out.printf(
        "continue-as-new %s: %d runs, %d events, %d reports, %.1f events/report, events per run"
            + " %s; last run's input %d bytes for %d evaluations carried%n",
        name,
        sweep.runs().size(),
        events,
        reports,
        (double) events / reports,
        perRun,
        carriedBytes,
        evaluations);
  }
}
