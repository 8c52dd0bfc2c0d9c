package dev.atelier.ui.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** A lead's approval: which candidate (its MLflow run id), at which step's checkpoint, and why. */
public record ReviewApproval(
    @NotBlank(message = "must name a candidate's mlflow_run_id") String candidate,
    @NotNull(message = "is required: the step whose grid was reviewed")
        @PositiveOrZero(message = "must be zero or more")
        Long step,
    @NotBlank(message = "must not be blank: say why this candidate is the champion")
        String reason) {}
