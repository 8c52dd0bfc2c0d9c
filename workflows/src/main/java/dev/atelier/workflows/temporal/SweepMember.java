package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.search.Evaluation;
import dev.atelier.workflows.search.Objective;
import dev.atelier.workflows.search.StopReason;
import dev.atelier.workflows.search.TrialState;
import dev.atelier.workflows.search.TrialView;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One trial of a searching sweep, as the sweep workflow keeps it: its configuration, what it
 * reported, whether the sweep asked it to stop and why, and, once ended, its outcome.
 */
final class SweepMember {
  final int id;
  final Map<String, Object> params;
  final Integer parent;
  final Long parentStep;
  final List<Evaluation> evaluations = new ArrayList<>();
  TrialWorkflow stub;
  Promise<TrialOutcome> promise;
  TrialState state = TrialState.RUNNING;
  StopReason stopReason;
  String stopDetail;
  TrialOutcome outcome;

  /**
   * Started by an earlier run of the sweep (before a continue-as-new): no stub or promise here; it
   * is stopped through an external stub and its end arrives as a {@code trialEnded} signal.
   */
  boolean earlier;

  /** The pool slots it holds while it runs ({@link PoolSlots.Lease#NONE} without a pool). */
  PoolSlots.Lease lease = PoolSlots.Lease.NONE;

  /** PBT: the last interval (step / interval) at which this member was judged for good. */
  long pbtJudged;

  /**
   * The last view handed out, until an evaluation or the state changes: the sweep rebuilds every
   * trial's view at each report, and copying every trial's evaluations each time made a report's
   * cost grow with trials × evaluations (bench/RESULTS.md, sweep overhead).
   */
  private TrialView view;

  SweepMember(int id, Map<String, Object> params, Integer parent, Long parentStep) {
    this.id = id;
    this.params = params;
    this.parent = parent;
    this.parentStep = parentStep;
  }

  long lastStep() {
    long reported = evaluations.isEmpty() ? 0 : evaluations.get(evaluations.size() - 1).step();
    return outcome == null ? reported : Math.max(reported, outcome.lastStep());
  }

  /** Steps this trial trained itself (a PBT trial starts at its parent's step). */
  long stepsTrained() {
    return Math.max(0, lastStep() - (parentStep == null ? 0 : parentStep));
  }

  /**
   * Adds the evaluations past the last one, and merges metrics that arrive late for the last step
   * (a quality value measured off the training thread); returns how many evaluations were new or
   * changed. Older steps are not rewritten.
   */
  int add(List<Evaluation> reported) {
    int changed = 0;
    for (Evaluation e : reported) {
      int lastIndex = evaluations.size() - 1;
      long last = lastIndex < 0 ? -1 : evaluations.get(lastIndex).step();
      if (e.step() > last) {
        evaluations.add(e);
        changed++;
      } else if (e.step() == last) {
        Map<String, Double> merged =
            new java.util.LinkedHashMap<>(evaluations.get(lastIndex).metrics());
        if (!merged.entrySet().containsAll(e.metrics().entrySet())) {
          merged.putAll(e.metrics());
          evaluations.set(lastIndex, new Evaluation(e.step(), merged));
          changed++;
        }
      }
    }
    if (changed > 0) {
      view = null;
    }
    return changed;
  }

  boolean running() {
    return state == TrialState.RUNNING;
  }

  boolean stopRequested() {
    return stopReason != null;
  }

  TrialView view() {
    // state is a field the sweep sets directly: a view of another state is stale.
    if (view == null || view.state() != state) {
      view = new TrialView(id, params, state, List.copyOf(evaluations));
    }
    return view;
  }

  /** The objective from its evaluations, or from its outcome's final metrics when it sent none. */
  Double objective(Objective objective) {
    var fromEvaluations = objective.valueOf(evaluations);
    if (fromEvaluations.isPresent()) {
      return fromEvaluations.getAsDouble();
    }
    Double last = outcome == null ? null : outcome.metrics().get(objective.metric());
    return last == null || last.isNaN() ? null : last;
  }

  /** What crosses a continue-as-new ({@link SweepCarry}). */
  CarriedTrial carry() {
    return new CarriedTrial(
        id,
        params,
        parent,
        parentStep,
        List.copyOf(evaluations),
        state,
        stopReason,
        stopDetail,
        outcome,
        pbtJudged,
        lease.pool(),
        lease.requestId());
  }

  /** The member as the run that continued from {@code t} sees it: started earlier. */
  static SweepMember carried(CarriedTrial t) {
    SweepMember m = new SweepMember(t.id(), t.params(), t.parent(), t.parentStep());
    m.evaluations.addAll(t.evaluations());
    m.state = t.state();
    m.stopReason = t.stopReason();
    m.stopDetail = t.stopDetail();
    m.outcome = t.outcome();
    m.pbtJudged = t.pbtJudged();
    m.lease = new PoolSlots.Lease(t.leasePool(), t.leaseRequestId());
    m.earlier = true;
    return m;
  }

  SweepTrial describe(Objective objective) {
    return new SweepTrial(
        id,
        params,
        state.name().toLowerCase(Locale.ROOT),
        stopReason == null ? null : stopReason.tag(),
        stopDetail,
        lastStep(),
        objective(objective),
        parent,
        parentStep,
        List.copyOf(evaluations));
  }
}
