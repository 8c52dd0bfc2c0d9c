package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.search.BudgetSpec;
import dev.atelier.workflows.search.Objective;
import dev.atelier.workflows.search.Pbt;
import dev.atelier.workflows.search.Pruner;
import dev.atelier.workflows.search.Pruners;
import dev.atelier.workflows.search.Sampler;
import dev.atelier.workflows.search.Samplers;
import dev.atelier.workflows.search.SearchSpec;
import dev.atelier.workflows.search.StopReason;
import dev.atelier.workflows.search.StopRule;
import dev.atelier.workflows.search.TrialState;
import dev.atelier.workflows.search.TrialView;
import dev.atelier.workflows.search.Verdict;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The searching sweep's loop, run inside {@link SweepWorkflowImpl}: whenever a slot is free and the
 * budget has room, it asks the sampler for a configuration (or starts a PBT replacement) and starts
 * a trial; it hears each trial's evaluations ({@link #report}), asks the stop rules, the pruner and
 * PBT about the trial that reported, and asks a condemned trial to stop; it collects outcomes as
 * trials end. The sampler, pruner and PBT are seeded objects in memory: replay feeds them the same
 * calls in the same order, so they answer the same.
 *
 * <p>The trial-step budget counts the steps trials trained; when it is spent, or the wall-clock
 * budget, or a person stops the sweep, no trial starts and the running ones are stopped
 * (SWEEP_STOPPED) with their checkpoints. The best trial is the best completed one by the
 * objective, or the best stopped one when none completed.
 *
 * <p>History: every report is a signal and a workflow task, so a long sweep's history would grow
 * without bound. Once a run has heard {@code reportsPerRun} reports (or Temporal suggests it), and
 * nothing heard is still unhandled, {@link #run} returns {@code false} and the workflow continues
 * as new with {@link #carry}: a new run built from it ({@link #SearchingSweep(SearchSpec, int,
 * long, int, SweepCarry)}) decides exactly as this one would have. Trials running then keep
 * running; they report to the sweep's workflow id, so the new run hears them, and each one's end
 * arrives as a {@code trialEnded} signal, since only the run that started a child can await it.
 */
final class SearchingSweep {
  /** Starts one trial as a child workflow (with its pool slots); the loop keeps the promise. */
  interface Starter {
    void start(SweepMember member, Map<String, Object> initFrom);

    /** A trial started by an earlier run ended: give back what that run took for it (slots). */
    void ended(SweepMember member);
  }

  private final SearchSpec spec;
  private final Objective objective;
  private final Sampler sampler;
  private final Pruner pruner;
  private final List<StopRule> rules;
  private final Pbt pbt;
  private final List<SweepMember> members = new ArrayList<>();
  private final Deque<TrialReport> inbox = new ArrayDeque<>();
  private final Deque<PbtReplacement> replacements = new ArrayDeque<>();
  private final Map<Integer, TrialOutcome> endings = new HashMap<>();
  private int maxTrials;
  private int maxParallelTrials;
  private boolean stopping;
  private boolean woken;
  private String stopAskedBy;

  /** A trial's steps when known (0 when not): PBT does not exploit a trial that is done. */
  private final long trialSteps;

  /** Reports one run hears before it continues as new; 0: when Temporal suggests; below: never. */
  private final int reportsPerRun;

  /** When the wall-clock budget is spent; 0 until the loop starts, MAX_VALUE for no budget. */
  private long deadline;

  /** Reports heard by earlier runs, and by this one. */
  private final long reportsBefore;

  private long reportsHeard;

  /** Which run of the sweep this is (0 for the first). */
  private final int run;

  SearchingSweep(SearchSpec spec, int maxParallelTrials, long trialSteps) {
    this(spec, maxParallelTrials, trialSteps, -1, null);
  }

  /**
   * A sweep that continues as new after {@code reportsPerRun} reports (see the field); {@code
   * carry} is what the run before handed over, or null for the first run.
   */
  SearchingSweep(
      SearchSpec spec,
      int maxParallelTrials,
      long trialSteps,
      int reportsPerRun,
      SweepCarry carry) {
    this.spec = spec;
    this.trialSteps = trialSteps;
    this.reportsPerRun = reportsPerRun;
    this.objective = spec.objective();
    this.pruner = Pruners.of(spec);
    this.rules = Pruners.stopRules(spec);
    this.pbt = spec.pbt() == null ? null : new Pbt(spec);
    if (carry == null) {
      this.sampler = Samplers.of(spec);
      this.maxTrials = spec.budget().maxTrials();
      this.maxParallelTrials =
          spec.pbt() != null ? spec.pbt().population() : Math.max(1, maxParallelTrials);
      this.reportsBefore = 0;
      this.run = 0;
      return;
    }
    this.sampler = Samplers.of(spec, carry.samplerPositions());
    this.maxTrials = carry.maxTrials();
    this.maxParallelTrials = carry.maxParallelTrials();
    this.stopping = carry.stopping();
    this.stopAskedBy = carry.stopAskedBy();
    this.deadline = carry.deadlineMillis();
    this.reportsBefore = carry.reportsHeard();
    this.run = carry.run();
    for (CarriedTrial t : carry.trials()) {
      members.add(SweepMember.carried(t));
    }
    replacements.addAll(carry.replacements());
  }

  // ---- messages (signal and update handlers call these) ----

  void report(TrialReport report) {
    inbox.add(report);
  }

  /** A trial's end, from its own signal: the only word of it for a trial an earlier run started. */
  void ended(TrialOutcome outcome) {
    endings.putIfAbsent(outcome.mapIndex(), outcome);
  }

  int setMaxParallelTrials(int n) {
    maxParallelTrials = n;
    woken = true;
    return n;
  }

  /** Trials in all, as the budget stands now (raised by {@link #addTrials}). */
  int maxTrials() {
    return maxTrials;
  }

  int addTrials(int count) {
    maxTrials += count;
    woken = true;
    return maxTrials;
  }

  boolean stopping() {
    return stopping;
  }

  /** Handlers only take note; the loop does the stopping (it may signal trials). */
  void stopSweep(String who) {
    if (stopAskedBy == null) {
      stopAskedBy = who == null || who.isBlank() ? "someone" : who;
    }
    woken = true;
  }

  // ---- the loop ----

  /**
   * Runs until every trial ended and no other may start ({@code true}; the members are in {@link
   * #members}), or until this run should continue as new ({@code false}; hand over {@link #carry}).
   */
  boolean run(Starter starter) {
    BudgetSpec budget = spec.budget();
    if (deadline == 0) {
      deadline =
          budget.maxWallSeconds() > 0
              ? Workflow.currentTimeMillis() + budget.maxWallSeconds() * 1000
              : Long.MAX_VALUE;
    }
    while (true) {
      startWhatFits(starter);
      if (active() == 0 && !mayStart()) {
        return true;
      }
      if (deadline == Long.MAX_VALUE) {
        Workflow.await(() -> woken || !inbox.isEmpty() || anyEnded());
      } else {
        Duration wait = Duration.ofMillis(Math.max(1, deadline - Workflow.currentTimeMillis()));
        Workflow.await(wait, () -> woken || !inbox.isEmpty() || anyEnded());
      }
      woken = false;
      if (!stopping && stopAskedBy != null) {
        stopAll("the sweep was stopped by " + stopAskedBy);
      }
      if (!stopping && Workflow.currentTimeMillis() >= deadline) {
        stopAll("the wall-clock budget of " + budget.maxWallSeconds() + " s is spent");
      }
      while (!inbox.isEmpty()) {
        reportsHeard++;
        hear(inbox.poll());
      }
      collectEnded(starter);
      if (continueDue()) {
        return false;
      }
    }
  }

  /** The members by map index. */
  List<SweepMember> members() {
    return members;
  }

  /**
   * Whether to continue as new now: enough reports heard (or Temporal suggests it), nothing heard
   * and not yet handled (a report, a trial's end, a person's request: the next run would not see
   * it), no trial still being started (its child would be lost half-way), and the sweep not about
   * to end. Checked where the loop would go round again, so the next run begins as the next turn.
   */
  private boolean continueDue() {
    if (reportsPerRun < 0) {
      return false;
    }
    boolean due =
        (reportsPerRun > 0 && reportsHeard >= reportsPerRun)
            || Workflow.getInfo().isContinueAsNewSuggested();
    if (!due || woken || !inbox.isEmpty() || anyEnded()) {
      return false;
    }
    if (active() == 0 && !mayStart()) {
      return false;
    }
    for (SweepMember m : members) {
      boolean starting =
          m.outcome == null
              && !m.earlier
              && (m.stub == null || !Workflow.getWorkflowExecution(m.stub).isCompleted());
      if (starting) {
        return false;
      }
    }
    return true;
  }

  /** The state the next run starts from ({@link SweepCarry}). */
  SweepCarry carry(String parentRunId) {
    List<CarriedTrial> trials = new ArrayList<>(members.size());
    for (SweepMember m : members) {
      trials.add(m.carry());
    }
    return new SweepCarry(
        run + 1,
        parentRunId,
        deadline,
        reportsBefore + reportsHeard,
        maxTrials,
        maxParallelTrials,
        stopping,
        stopAskedBy,
        sampler.positions(),
        trials,
        List.copyOf(replacements));
  }

  /** Reports heard by this run alone. */
  long reportsHeard() {
    return reportsHeard;
  }

  private void startWhatFits(Starter starter) {
    while (active() < maxParallelTrials && mayStart()) {
      int id = members.size();
      PbtReplacement r = replacements.poll();
      SweepMember m;
      Map<String, Object> initFrom = null;
      if (r != null) {
        m = new SweepMember(id, r.params(), r.donor(), r.step());
        initFrom = new LinkedHashMap<>();
        initFrom.put("map_index", r.donor());
        initFrom.put("step", r.step());
      } else {
        m = new SweepMember(id, sampler.ask(views()), null, null);
      }
      members.add(m);
      starter.start(m, initFrom);
    }
  }

  /** Whether another trial may start: budget, the sampler, and (PBT) the population's rule. */
  private boolean mayStart() {
    if (stopping || members.size() >= maxTrials) {
      return false;
    }
    if (!replacements.isEmpty()) {
      return true;
    }
    if (pbt != null) {
      // After the first population, PBT trials only come from exploit decisions.
      return members.size() < spec.pbt().population();
    }
    return !sampler.exhausted(views());
  }

  private int active() {
    int n = 0;
    for (SweepMember m : members) {
      if (m.outcome == null) {
        n++;
      }
    }
    return n;
  }

  private boolean anyEnded() {
    for (SweepMember m : members) {
      if (m.outcome == null
          && (endings.containsKey(m.id) || (m.promise != null && m.promise.isCompleted()))) {
        return true;
      }
    }
    return false;
  }

  private List<TrialView> views() {
    List<TrialView> views = new ArrayList<>(members.size());
    for (SweepMember m : members) {
      views.add(m.view());
    }
    return views;
  }

  /** New evaluations of one trial: record them, then judge the trial unless it is already told. */
  private void hear(TrialReport report) {
    if (report.trialId() < 0 || report.trialId() >= members.size()) {
      return;
    }
    SweepMember m = members.get(report.trialId());
    if (m.add(report.evaluations()) == 0 || !m.running() || m.stopRequested()) {
      return;
    }
    spendCheck();
    if (m.stopRequested() || stopping) {
      return;
    }
    TrialView trial = m.view();
    List<TrialView> all = views();
    for (StopRule rule : rules) {
      Verdict v = rule.judge(trial);
      if (v.stops()) {
        stop(m, v.reason(), v.detail());
        return;
      }
    }
    Verdict v = pruner.judge(trial, all);
    if (v.stops()) {
      stop(m, v.reason(), v.detail());
      return;
    }
    if (pbt != null) {
      exploitWhereDue(all);
    }
  }

  /**
   * PBT: a member is judged at each interval it passes. A member that reaches an interval before
   * the others has no population to be ranked in yet, so it is judged again as the others report,
   * until it is exploited or everyone alive has reached that step.
   */
  private void exploitWhereDue(List<TrialView> all) {
    long interval = spec.pbt().intervalSteps();
    for (SweepMember m : members) {
      long due = m.lastStep() / interval;
      boolean done = trialSteps > 0 && m.lastStep() >= trialSteps;
      if (!m.running() || m.stopRequested() || due <= m.pbtJudged || done) {
        continue;
      }
      var exploit = pbt.judge(m.view(), all);
      if (exploit.isPresent()) {
        var e = exploit.get();
        m.pbtJudged = due;
        stop(m, StopReason.EXPLOITED, e.detail());
        replacements.add(new PbtReplacement(e.params(), e.donorId(), e.step()));
        continue;
      }
      boolean everyoneThere = true;
      for (SweepMember other : members) {
        boolean alive = other.state != TrialState.FAILED && other.state != TrialState.PRUNED;
        if (other != m && alive && other.lastStep() < due * interval) {
          everyoneThere = false;
        }
      }
      if (everyoneThere) {
        m.pbtJudged = due;
      }
    }
  }

  /** The trial-step budget: once spent, the sweep stops. */
  private void spendCheck() {
    long budget = spec.budget().maxTrialSteps();
    if (budget > 0 && !stopping && stepsSpent() >= budget) {
      stopAll("the trial-step budget of " + budget + " steps is spent");
    }
  }

  long stepsSpent() {
    long spent = 0;
    for (SweepMember m : members) {
      spent += m.stepsTrained();
    }
    return spent;
  }

  private void stopAll(String why) {
    stopping = true;
    woken = true;
    replacements.clear();
    for (SweepMember m : members) {
      if (m.outcome == null && !m.stopRequested()) {
        stop(m, StopReason.SWEEP_STOPPED, why);
      }
    }
  }

  private void stop(SweepMember m, StopReason reason, String detail) {
    m.stopReason = reason;
    m.stopDetail = detail;
    if (m.stub == null && !m.earlier) {
      return;
    }
    try {
      if (m.earlier) {
        // Started (and abandoned, still running) by an earlier run: addressed by its workflow id.
        Workflow.newExternalWorkflowStub(TrialWorkflow.class, trialWorkflowId(m.id))
            .stop(reason.tag(), detail);
        return;
      }
      // Signalled once the child has started; one that already ended keeps its ending.
      Workflow.getWorkflowExecution(m.stub).get();
      m.stub.stop(reason.tag(), detail);
    } catch (RuntimeException e) {
      if (Failures.cancellation(e)) {
        throw e;
      }
    }
  }

  /** A trial's child workflow id: the sweep's own id and the map index. */
  static String trialWorkflowId(int mapIndex) {
    return Workflow.getInfo().getWorkflowId() + ":" + mapIndex;
  }

  /**
   * Takes each ended trial's outcome: from its {@code trialEnded} signal (which it sends before it
   * completes, so the signal comes first), else from its child promise (a trial from before that
   * signal existed, or one whose workflow broke).
   */
  private void collectEnded(Starter starter) {
    for (SweepMember m : members) {
      if (m.outcome != null) {
        continue;
      }
      TrialOutcome signalled = endings.get(m.id);
      if (signalled != null) {
        m.outcome = signalled;
      } else if (m.promise != null && m.promise.isCompleted()) {
        RuntimeException failure = m.promise.getFailure();
        if (failure != null && Failures.cancellation(failure)) {
          throw new CanceledFailure("sweep cancelled");
        }
        m.outcome =
            failure == null
                ? m.promise.get()
                : new TrialOutcome(m.id, null, "FAILED", -1, Failures.reason(failure), Map.of(), 0);
      } else {
        continue;
      }
      if (m.earlier) {
        starter.ended(m);
      }
      m.state =
          switch (m.outcome.status()) {
            case "SUCCEEDED" -> TrialState.COMPLETE;
            case "PRUNED" -> TrialState.PRUNED;
            default -> TrialState.FAILED;
          };
      spendCheck();
    }
  }

  // ---- results ----

  /** The best completed trial by the objective, else the best stopped one; null when none. */
  SweepMember best() {
    SweepMember best = bestIn(TrialState.COMPLETE);
    return best != null ? best : bestIn(TrialState.PRUNED);
  }

  private SweepMember bestIn(TrialState state) {
    SweepMember best = null;
    Double bestValue = null;
    for (SweepMember m : members) {
      Double v = m.state == state ? m.objective(objective) : null;
      if (v != null
          && !v.isNaN()
          && !v.isInfinite()
          && (bestValue == null || objective.direction().better(v, bestValue))) {
        best = m;
        bestValue = v;
      }
    }
    return best;
  }

  SweepState state() {
    SweepMember best = best();
    List<SweepTrial> trials = new ArrayList<>(members.size());
    for (SweepMember m : members) {
      trials.add(m.describe(objective));
    }
    return new SweepState(
        spec.algorithm().name(),
        objective.metric(),
        objective.direction() == dev.atelier.workflows.search.Direction.MINIMIZE ? "min" : "max",
        maxTrials,
        maxParallelTrials,
        stepsSpent(),
        spec.budget().maxTrialSteps(),
        stopping,
        best == null ? null : best.id,
        best == null ? null : best.objective(objective),
        trials);
  }

  /** Trials still running that an earlier run started: a cancelled sweep cancels them by id. */
  List<Integer> runningEarlier() {
    List<Integer> ids = new ArrayList<>();
    for (SweepMember m : members) {
      if (m.outcome == null && m.earlier) {
        ids.add(m.id);
      }
    }
    return ids;
  }

  List<Promise<TrialOutcome>> running() {
    List<Promise<TrialOutcome>> running = new ArrayList<>();
    for (SweepMember m : members) {
      if (m.outcome == null && m.promise != null) {
        running.add(m.promise);
      }
    }
    return running;
  }
}
