package dev.atelier.ui.service;

import java.util.List;
import java.util.Map;

/**
 * One card of the review page: a candidate trial (rank 1 is pick_best's pick) or the champion
 * ({@code champion} true, rank null), with its evidence: the objective's value, MLflow params and
 * latest metrics, the steps it has grids for, the members' votes for and against it, and the
 * dataset version it trained on ({@link TrainedOn}; null for a run from before lineage).
 */
public record ReviewCandidate(
    String mlflowRunId,
    Integer rank,
    boolean champion,
    Integer mapIndex,
    String status,
    Double value,
    Map<String, String> params,
    Map<String, Double> metrics,
    List<Long> sampleSteps,
    int votesFor,
    int votesAgainst,
    String trainedOn) {}
