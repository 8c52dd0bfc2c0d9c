package dev.atelier.ui.service;

import dev.atelier.workflows.dsl.Limits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A running sweep's new number of trials at once, held to the same maximum as a trigger's {@code
 * max_parallel_trials} ({@link Limits#MAX_PARALLEL_TRIALS}); the sweep's update validator holds it
 * there too.
 */
public record ParallelismChange(
    @NotNull(message = "is required: {\"max_parallel_trials\": 4}")
        @Min(value = 1, message = "must be at least 1")
        @Max(value = ParallelismChange.MAX, message = "must be at most " + ParallelismChange.MAX)
        Integer maxParallelTrials) {
  public static final int MAX = Limits.MAX_PARALLEL_TRIALS;
}
