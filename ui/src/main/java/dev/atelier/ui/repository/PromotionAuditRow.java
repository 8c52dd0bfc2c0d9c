package dev.atelier.ui.repository;

import java.time.OffsetDateTime;

/**
 * Who moved a model alias to which run's checkpoint, when, and why.
 *
 * @param step the step of the checkpoint that was registered (read from its checkpoint.json), not
 *     merely the step someone had on screen
 * @param checkpointPath the run's artifact folder that became the version ({@code
 *     checkpoints/step_0000300} or {@code checkpoints/final})
 * @param previousVersion the version the alias pointed at before, null for the first champion
 * @param loggedModelId the MLflow 3 logged model of the version, null on older servers
 * @param evidence what the lead saw; only in single-promotion answers, null in lists
 */
public record PromotionAuditRow(
    long id,
    String modelName,
    String modelVersion,
    String alias,
    String mlflowRunId,
    String dagId,
    String dagRunId,
    Long step,
    String reason,
    String promotedBy,
    OffsetDateTime promotedAt,
    String checkpointPath,
    String previousVersion,
    String loggedModelId,
    PromotionAuditEvidence evidence) {

  public PromotionAuditRow withEvidence(PromotionAuditEvidence e) {
    return new PromotionAuditRow(
        id,
        modelName,
        modelVersion,
        alias,
        mlflowRunId,
        dagId,
        dagRunId,
        step,
        reason,
        promotedBy,
        promotedAt,
        checkpointPath,
        previousVersion,
        loggedModelId,
        e);
  }
}
