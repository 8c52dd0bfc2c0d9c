package dev.atelier.ui.service;

import java.util.List;
import java.util.Map;

/**
 * One trial as the compare page shows it, from any run of a Dag: its MLflow run, which Dag run and
 * map index it was, where it stands ({@code atelier.status}, why a sweep stopped it and the
 * detail), its params, latest metrics and {@link ProbeKey}. The picker lists these without
 * artifacts ({@code sampleSteps} and {@code artifacts} null: listing them costs MLflow calls per
 * trial); the selection has them.
 *
 * @param artifacts the inline extras the run has: {@code inputs/real_grid.png}, {@code
 *     novelty/step_NNNNNNN.png} files, {@code walks/final.gif|png}
 * @param trainedOn the dataset version it trained on ({@link TrainedOn}); null before lineage
 */
public record CompareTrial(
    String mlflowRunId,
    String dagId,
    String dagRunId,
    String taskId,
    Integer mapIndex,
    String runStatus,
    String status,
    String reason,
    String stopReason,
    String stopDetail,
    Map<String, String> params,
    Map<String, Double> metrics,
    Long lastStep,
    ProbeKey probe,
    String registeredModel,
    List<Long> sampleSteps,
    List<String> artifacts,
    String trainedOn) {

  CompareTrial withArtifacts(List<Long> steps, List<String> files) {
    return new CompareTrial(
        mlflowRunId,
        dagId,
        dagRunId,
        taskId,
        mapIndex,
        runStatus,
        status,
        reason,
        stopReason,
        stopDetail,
        params,
        metrics,
        lastStep,
        probe,
        registeredModel,
        steps,
        files,
        trainedOn);
  }
}
