package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TrialRequest;

/**
 * One trial of a sweep. {@code maxInterruptedRetries}: how many times a trial that ended
 * INTERRUPTED (its job was stopped, checkpoint saved) is launched again before it counts as failed.
 */
public record TrialInput(TrialRequest request, int maxInterruptedRetries) {}
