package dev.atelier.ui.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A member's comment on a review; {@code candidate} (an MLflow run id) is optional. */
public record ReviewComment(
    @NotBlank(message = "must not be blank")
        @Size(max = 4000, message = "must be at most 4000 characters")
        String body,
    String candidate) {}
