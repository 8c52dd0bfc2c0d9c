package dev.atelier.workflows.search;

import java.util.List;
import java.util.Map;

/**
 * One trial as the search sees it.
 *
 * @param id the trial's number in the sweep (its map index)
 * @param params the configuration it was given (only the active parameters of the space)
 * @param state running, complete, pruned or failed
 * @param evaluations what it reported so far, in step order
 */
public record TrialView(
    int id, Map<String, Object> params, TrialState state, List<Evaluation> evaluations) {}
