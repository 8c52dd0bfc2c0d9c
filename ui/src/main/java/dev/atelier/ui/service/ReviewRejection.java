package dev.atelier.ui.service;

import jakarta.validation.constraints.NotBlank;

/** A lead's rejection: no candidate becomes the champion, and why. */
public record ReviewRejection(
    @NotBlank(message = "must not be blank: say why no candidate is promoted") String reason) {}
