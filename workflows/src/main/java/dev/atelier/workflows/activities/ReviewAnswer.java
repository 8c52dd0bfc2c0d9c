package dev.atelier.workflows.activities;

import java.util.List;

/**
 * The answer to a review, as Airflow's HITL response carries it ({@code chosen_options}, who
 * responded, when) plus what Atelier's approval names: the candidate (an MLflow run id) promoted,
 * the step reviewed and the reason. {@code respondedBy} is null when the defaults answered at the
 * timeout ({@code timedOut}); {@code chosenOptions} is then the defaults, empty when there are
 * none.
 */
public record ReviewAnswer(
    long reviewId,
    List<String> chosenOptions,
    String respondedBy,
    String respondedAt,
    String candidate,
    Long step,
    String reason,
    boolean timedOut) {}
