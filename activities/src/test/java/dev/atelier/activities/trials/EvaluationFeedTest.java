package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.activities.Services;
import dev.atelier.workflows.search.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;

/**
 * A trial's evaluations, each once and in step order, from the trainer's sample_metrics.jsonl when
 * it writes on this machine and from the run's metric histories in MLflow when it does not (a pod
 * whose folder this worker does not see).
 */
class EvaluationFeedTest {
  @TempDir Path dir;

  @Test
  void next_trainerWritesHere_newCompleteLinesOnly() throws Exception {
    EvaluationFeed feed = new EvaluationFeed(null, dir, "unused");
    Path file = dir.resolve(EvaluationFeed.METRICS_FILE);
    Files.writeString(
        file, "{\"step\":2,\"fd_diag_rgb8\":3.5,\"loss_d_avg\":\"NaN\"}\n{\"step\":4,");

    List<Evaluation> first = feed.next();
    Files.writeString(
        file,
        "{\"step\":2,\"fd_diag_rgb8\":3.5,\"loss_d_avg\":\"NaN\"}\n{\"step\":4,\"fd_diag_rgb8\":2.5}\n"
            // A resumed trial appends steps again from its checkpoint: sent once.
            + "{\"step\":4,\"fd_diag_rgb8\":2.5}\n{\"step\":6,\"fd_diag_rgb8\":2.0}\n");
    List<Evaluation> second = feed.next();

    assertEquals(1, first.size());
    assertEquals(2, first.get(0).step());
    assertEquals(Double.NaN, first.get(0).metrics().get("loss_d_avg"), "divergence is kept");
    assertEquals(
        List.of(
            new Evaluation(4, Map.of("fd_diag_rgb8", 2.5)),
            new Evaluation(6, Map.of("fd_diag_rgb8", 2.0))),
        second);
    assertEquals(List.of(), feed.next());
  }

  @Test
  void next_trainerElsewhere_evaluationStepsFromTheRunsHistories() {
    MlflowClient mlflow = Services.mlflow();
    String runId =
        mlflow
            .createRun(mlflow.createExperiment("atelier/feed-test-" + UUID.randomUUID()))
            .getRunId();
    for (int step = 1; step <= 4; step++) {
      mlflow.logMetric(runId, "loss_d", 0.5, 0, step);
    }
    mlflow.logMetric(runId, "fd_diag_rgb8", 3.0, 0, 2);
    mlflow.logMetric(runId, "loss_d_avg", 0.7, 0, 2);
    mlflow.logMetric(runId, "fd_diag_rgb8", 2.0, 0, 4);
    mlflow.logMetric(runId, "loss_d_avg", 0.6, 0, 4);
    EvaluationFeed feed = new EvaluationFeed(mlflow, dir, runId, 0);

    List<Evaluation> first = feed.next();
    mlflow.logMetric(runId, "fd_diag_rgb8", 1.5, 0, 6);
    List<Evaluation> second = feed.next();

    assertEquals(
        List.of(
            new Evaluation(2, Map.of("fd_diag_rgb8", 3.0, "loss_d_avg", 0.7)),
            new Evaluation(4, Map.of("fd_diag_rgb8", 2.0, "loss_d_avg", 0.6))),
        first);
    assertEquals(List.of(new Evaluation(6, Map.of("fd_diag_rgb8", 1.5))), second);
  }
}
