package dev.atelier.ui.service;

import dev.atelier.workflows.dsl.Limits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How many trials a running sweep's budget gains. One call adds at most {@link
 * Limits#MAX_TRIALS_PER_SWEEP}; {@link SweepControls#addTrials} also holds the budget it reaches to
 * that maximum.
 */
public record TrialsToAdd(
    @NotNull(message = "is required: {\"count\": 4}")
        @Min(value = 1, message = "must be at least 1")
        @Max(value = TrialsToAdd.MAX, message = "must be at most " + TrialsToAdd.MAX)
        Integer count) {
  public static final int MAX = Limits.MAX_TRIALS_PER_SWEEP;
}
