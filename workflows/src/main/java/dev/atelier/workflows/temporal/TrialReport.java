package dev.atelier.workflows.temporal;

import dev.atelier.workflows.search.Evaluation;
import java.util.List;

/**
 * What a running trial sends its sweep (the {@code awaitTrial} activity signals it as the trainer
 * writes them): the evaluations since its last report, in step order.
 *
 * @param trialId the trial's map index
 * @param evaluations new evaluations only; a repeated step is ignored by the sweep
 */
public record TrialReport(int trialId, List<Evaluation> evaluations) {}
