package dev.atelier.ui.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Why a checkpoint becomes the champion (required: the audit trail is only as useful as its
 * reasons), and optionally the step whose grid convinced the reviewer.
 */
public record PromotionRequest(
    @NotBlank(message = "must not be blank: say why this checkpoint is the champion") String reason,
    @PositiveOrZero(message = "must be zero or more") Long step) {}
