package dev.atelier.ui.repository;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * What a lead saw when promoting: the sample grid at the promoted step (its artifact path in the
 * run, and a copy kept in the database), the run's metrics at that step, its params, the
 * champion-vs-challenger sheet (an artifact of the run), the champion it replaced, and the review
 * room's votes and comments.
 *
 * @param gridUrl where the kept copy of the grid is served ({@code
 *     /api/atelier/promotions/<id>/grid.png}), null when there was no grid
 * @param champion the replaced champion: model_version, mlflow_run_id, step; null for the first
 */
public record PromotionAuditEvidence(
    String gridPath,
    String gridUrl,
    @JsonIgnore byte[] gridPng,
    Map<String, Double> metrics,
    Map<String, String> params,
    String sheetPath,
    Map<String, Object> champion,
    Map<String, Object> review) {}
