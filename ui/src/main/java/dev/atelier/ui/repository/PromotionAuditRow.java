package dev.atelier.ui.repository;

import java.time.OffsetDateTime;

/** Who moved a model alias to which run's checkpoint, when, and why. */
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
    OffsetDateTime promotedAt) {}
