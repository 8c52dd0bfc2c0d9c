package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.search.Evaluation;
import dev.atelier.workflows.search.StopReason;
import dev.atelier.workflows.search.TrialState;
import java.util.List;
import java.util.Map;

/**
 * One trial of a searching sweep as it crosses a continue-as-new ({@link SweepCarry}): everything
 * {@link SweepMember} knows except its child stub and promise, which belong to the run that started
 * it. A trial still running keeps running (its child workflow is abandoned, not cancelled, when the
 * run closes) and tells the new run that it ended by signal ({@link SweepWorkflow#trialEnded}).
 *
 * @param pbtJudged PBT: the last interval at which it was judged for good
 * @param leasePool the pool it holds slots of while it runs, or null
 * @param leaseRequestId the pool request those slots were granted to, or null
 */
public record CarriedTrial(
    int id,
    Map<String, Object> params,
    Integer parent,
    Long parentStep,
    List<Evaluation> evaluations,
    TrialState state,
    StopReason stopReason,
    String stopDetail,
    TrialOutcome outcome,
    long pbtJudged,
    String leasePool,
    String leaseRequestId) {}
