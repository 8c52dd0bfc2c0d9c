package dev.atelier.ui.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How many trials a running sweep's budget gains. */
public record TrialsToAdd(
    @NotNull(message = "is required: {\"count\": 4}")
        @Min(value = 1, message = "must be at least 1")
        @Max(value = TrialsToAdd.MAX, message = "must be at most " + TrialsToAdd.MAX)
        Integer count) {
  public static final int MAX = 1000;
}
