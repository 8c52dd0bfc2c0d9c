package dev.atelier.ui.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One trial of a sweep as the compare page shows it: where it stands (task state, the trainer's
 * {@code atelier.status} and its reason), its hyperparameters, how far it got, and which sample
 * grid steps exist. MLflow fields are null (and {@code mlflowError} says why) when the tracking
 * server could not be read; the database fields still come through. {@code registeredModel} is
 * where Promote puts its checkpoint ({@link RegisteredModels}), so the page shows that model's
 * champion. {@code stopReason} and {@code stopDetail} say why a searching sweep stopped the trial
 * ({@code rung}, {@code diverged}, ...), null when it did not.
 */
public record TrialView(
    String taskId,
    int mapIndex,
    String state,
    int tryNumber,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    String mlflowRunId,
    String runStatus,
    String status,
    String reason,
    String stopReason,
    String stopDetail,
    String note,
    Map<String, String> params,
    Long lastStep,
    Long steps,
    List<Long> sampleSteps,
    Map<String, Double> metrics,
    String mlflowError,
    String registeredModel) {}
