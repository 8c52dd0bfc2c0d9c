package dev.atelier.ui.service;

/**
 * What promoting a run at a step would do, for the promote dialog: the registered model it would go
 * to, the checkpoint and its grid, why it would be refused (null when it would not), and the
 * current champion with its grid.
 */
public record PromotionPreview(
    String mlflowRunId,
    String modelName,
    Long checkpointStep,
    String checkpointPath,
    String gridUrl,
    String refusal,
    ChampionView champion,
    Long championStep,
    String championGridUrl) {}
