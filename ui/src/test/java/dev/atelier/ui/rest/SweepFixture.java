package dev.atelier.ui.rest;

import dev.atelier.ui.service.ArtifactPaths;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.mlflow.api.proto.Service;

/**
 * A searching sweep as MLflow holds it once it ended, written straight to the test MLflow the way
 * the sweep and its trainers write it: the parent run with its {@code search.*} params and best
 * trial, and one child run per trial with its hyperparameters, status and stop tags, objective and
 * loss histories, and sample grids.
 */
final class SweepFixture {
  static final String SPACE =
      "[{\"name\":\"lr\",\"kind\":\"log_uniform\",\"low\":1.0E-5,\"high\":0.01,\"step\":null,"
          + "\"log\":false,\"choices\":null,\"parent\":null,\"parentValues\":null},"
          + "{\"name\":\"latent_dim\",\"kind\":\"categorical\",\"low\":null,\"high\":null,"
          + "\"step\":null,\"log\":false,\"choices\":[32,64,128],\"parent\":null,"
          + "\"parentValues\":null}]";

  /** One trial: its params, how it ended, and its objective at steps 100, 200, ... */
  record Trial(
      String lr,
      String latentDim,
      String status,
      String stopReason,
      String stopDetail,
      long lastStep,
      double... fd) {}

  private final MlflowFixture mlflow;
  private long clock = System.currentTimeMillis();

  SweepFixture(MlflowFixture mlflow) {
    this.mlflow = mlflow;
  }

  /** The parent run's id, then each trial's run id in map-index order. */
  List<String> sweep(String dagId, String runId, String taskId, List<Trial> trials)
      throws Exception {
    String experiment = "atelier/" + dagId;
    String experimentId =
        mlflow
            .client
            .getExperimentByName(experiment)
            .map(Service.Experiment::getExperimentId)
            .orElseGet(() -> mlflow.client.createExperiment(experiment));
    String parent = mlflow.client.createRun(experimentId).getRunId();
    Map<String, String> parentTags = new LinkedHashMap<>();
    parentTags.put("atelier.dag_id", dagId);
    parentTags.put("atelier.run_id", runId);
    parentTags.put("atelier.task_id", taskId);
    parentTags.put("atelier.sweep_workflow_id", "dagrun:" + dagId + ":" + runId + ":" + taskId);
    Map<String, String> parentParams = new LinkedHashMap<>();
    parentParams.put("search.algorithm", "tpe");
    parentParams.put("search.objective", "fd_rgb8 min best");
    parentParams.put("search.space", SPACE);
    parentParams.put(
        "search.budget",
        "{\"maxTrials\":8,\"maxParallelTrials\":2,\"maxTrialSteps\":3000,\"maxWallSeconds\":0}");
    parentParams.put(
        "search.early_stopping",
        "{\"kind\":\"asha\",\"minSteps\":50,\"reductionFactor\":2,\"maxSteps\":400,\"brackets\":0}");
    log(parent, parentParams, parentTags, List.of());

    List<String> ids = new ArrayList<>();
    ids.add(parent);
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      String child = mlflow.client.createRun(experimentId).getRunId();
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put("mlflow.parentRunId", parent);
      tags.put("atelier.dag_id", dagId);
      tags.put("atelier.run_id", runId);
      tags.put("atelier.task_id", taskId);
      tags.put("atelier.map_index", "" + i);
      tags.put("atelier.status", t.status());
      if (t.stopReason() != null) {
        tags.put("atelier.stop_reason", t.stopReason());
        tags.put("atelier.stop_detail", t.stopDetail());
        tags.put("atelier.reason", "pruned (" + t.stopReason() + "): " + t.stopDetail());
      }
      Map<String, String> params = new LinkedHashMap<>();
      params.put("model", "dcgan32");
      params.put("lr", t.lr());
      params.put("latent_dim", t.latentDim());
      params.put("steps", "400");
      List<Service.Metric> metrics = new ArrayList<>();
      for (long step = 10; step <= t.lastStep(); step += 10) {
        metrics.add(metric("loss_g", 1.0 + 100.0 / step, step));
      }
      log(child, params, tags, metrics);
      ids.add(child);
    }
    // Evaluations in the order a sweep with two slots would log them: step by step across trials.
    for (int k = 0; k < 4; k++) {
      for (int i = 0; i < trials.size(); i++) {
        Trial t = trials.get(i);
        if (k < t.fd().length) {
          long step = 100L * (k + 1);
          log(ids.get(i + 1), Map.of(), Map.of(), List.of(metric("fd_rgb8", t.fd()[k], step)));
          String root =
              ArtifactPaths.proxyRoot(
                      mlflow.client.getRun(ids.get(i + 1)).getInfo().getArtifactUri())
                  .orElseThrow();
          mlflow.put(root, String.format("samples/step_%07d.png", step), grid(i, step));
        }
      }
    }
    for (String id : ids) {
      mlflow.client.setTerminated(id);
    }
    return ids;
  }

  /** The tags a searching sweep's parent gets at its end. */
  void best(String parent, int mapIndex, double value, String bestRunId) {
    log(
        parent,
        Map.of(),
        Map.of(
            "atelier.best_trial", "" + mapIndex,
            "atelier.best_value", "" + value,
            "atelier.best_run_id", bestRunId),
        List.of());
  }

  private void log(
      String runId, Map<String, String> params, Map<String, String> tags, List<Service.Metric> m) {
    List<Service.Param> ps =
        params.entrySet().stream()
            .map(e -> Service.Param.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build())
            .toList();
    List<Service.RunTag> ts =
        tags.entrySet().stream()
            .map(e -> Service.RunTag.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build())
            .toList();
    mlflow.client.logBatch(runId, m, ps, ts);
  }

  private Service.Metric metric(String key, double value, long step) {
    return Service.Metric.newBuilder()
        .setKey(key)
        .setValue(value)
        .setStep(step)
        .setTimestamp(++clock)
        .build();
  }

  /** A 4×4 grid of 16-pixel tiles, a hue per trial that sharpens with the step. */
  static byte[] grid(int trial, long step) throws Exception {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 64, 64);
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        float hue = (trial * 0.21f + (r * 4 + c) * 0.02f) % 1f;
        g.setColor(Color.getHSBColor(hue, 0.7f, 0.9f));
        int inset = (int) Math.max(1, 6 - step / 100);
        g.fillOval(c * 16 + inset, r * 16 + inset, 16 - 2 * inset, 16 - 2 * inset);
      }
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
