package dev.atelier.ui.service;

import dev.atelier.ui.repository.PromotionAuditRow;

/** Where a model's alias points now, and the audit row of the promotion that put it there. */
public record ChampionView(
    String modelName, String alias, String version, String mlflowRunId, PromotionAuditRow audit) {}
