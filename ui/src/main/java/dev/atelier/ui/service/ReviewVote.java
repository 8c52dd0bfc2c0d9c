package dev.atelier.ui.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A member's vote on one candidate: {@code up} (for) or {@code down} (against). */
public record ReviewVote(
    @NotBlank(message = "must name a candidate's mlflow_run_id") String candidate,
    @NotNull(message = "is required: \"up\" or \"down\"")
        @Pattern(regexp = "up|down", message = "must be \"up\" or \"down\"")
        String value) {}
