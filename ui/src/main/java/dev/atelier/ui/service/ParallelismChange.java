package dev.atelier.ui.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A running sweep's new number of trials at once. */
public record ParallelismChange(
    @NotNull(message = "is required: {\"max_parallel_trials\": 4}")
        @Min(value = 1, message = "must be at least 1")
        @Max(value = ParallelismChange.MAX, message = "must be at most " + ParallelismChange.MAX)
        Integer maxParallelTrials) {
  /** The searching sweep's own bound ({@code SweepWorkflowImpl.MAX_PARALLEL}). */
  public static final int MAX = 1000;
}
