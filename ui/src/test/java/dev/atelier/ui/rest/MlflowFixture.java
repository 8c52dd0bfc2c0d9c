package dev.atelier.ui.rest;

import dev.atelier.ui.service.ArtifactPaths;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/**
 * A real MLflow run shaped like a finished trial (params, a loss history, sample grids, a final
 * checkpoint), written the way the trainer writes it: metrics in batches, artifacts over HTTP PUT
 * to the tracking server's artifact proxy.
 */
final class MlflowFixture {
  final String trackingUri = System.getenv("ATELIER_MLFLOW_URI").replaceAll("/+$", "");
  final MlflowClient client = new MlflowClient(trackingUri);
  private final HttpClient http = HttpClient.newHttpClient();

  String trialRun(String dagId, String dagRunId, int mapIndex, int lossPoints, long... sampleSteps)
      throws Exception {
    return trialRun(dagId, dagRunId, mapIndex, lossPoints, Map.of("model", "dcgan32"), sampleSteps);
  }

  /**
   * @param extraParams params beside lr and steps ({@code model}, {@code dataset_path}...)
   */
  String trialRun(
      String dagId,
      String dagRunId,
      int mapIndex,
      int lossPoints,
      Map<String, String> extraParams,
      long... sampleSteps)
      throws Exception {
    return run(
        "atelier/ui-test", extraParams, false, dagId, dagRunId, mapIndex, lossPoints, sampleSteps);
  }

  /**
   * As above, in the named experiment with extra params; with params beyond {@code model} each grid
   * is an 8x8 grid of 8 px tiles whose colours depend on the trial and the step, so two trials'
   * grids differ.
   */
  String trialRun(
      String experiment,
      java.util.Map<String, String> extraParams,
      String dagId,
      String dagRunId,
      int mapIndex,
      int lossPoints,
      long... sampleSteps)
      throws Exception {
    boolean tiled =
        !extraParams.isEmpty() && !extraParams.keySet().equals(java.util.Set.of("model"));
    return run(experiment, extraParams, tiled, dagId, dagRunId, mapIndex, lossPoints, sampleSteps);
  }

  /**
   * @param tiled grids of coloured tiles (see above) rather than {@link #png}'s small ones
   */
  private String run(
      String experiment,
      java.util.Map<String, String> extraParams,
      boolean tiled,
      String dagId,
      String dagRunId,
      int mapIndex,
      int lossPoints,
      long... sampleSteps)
      throws Exception {
    String experimentId =
        client
            .getExperimentByName(experiment)
            .map(Service.Experiment::getExperimentId)
            .orElseGet(() -> client.createExperiment(experiment));
    Service.RunInfo info = client.createRun(experimentId);
    String runId = info.getRunId();
    List<Service.Param> params = new ArrayList<>();
    if (!extraParams.containsKey("model")) {
      params.add(param("model", "dcgan32"));
    }
    params.add(param("lr", "0.0002"));
    params.add(param("steps", "" + lossPoints));
    extraParams.forEach((k, v) -> params.add(param(k, v)));
    List<Service.RunTag> tags =
        List.of(
            tag("atelier.dag_id", dagId),
            tag("atelier.run_id", dagRunId),
            tag("atelier.map_index", "" + mapIndex),
            tag("atelier.status", "SUCCEEDED"));
    client.logBatch(runId, List.of(), params, tags);
    List<Service.Metric> batch = new ArrayList<>();
    for (int step = 1; step <= lossPoints; step++) {
      batch.add(
          Service.Metric.newBuilder()
              .setKey("loss_g")
              .setValue(1.0 / step)
              .setStep(step)
              .setTimestamp(System.currentTimeMillis())
              .build());
      if (batch.size() == 1000) {
        client.logBatch(runId, batch, List.of(), List.of());
        batch.clear();
      }
    }
    client.logBatch(runId, batch, List.of(), List.of());
    String root = ArtifactPaths.proxyRoot(info.getArtifactUri()).orElseThrow();
    for (long step : sampleSteps) {
      put(
          root,
          String.format("samples/step_%07d.png", step),
          !tiled ? png(step) : tiles(step * 31 + mapIndex * 7 + dagRunId.hashCode()));
      // What the trainer uploads at each sample step: that step's generator and descriptor.
      String dir = String.format("checkpoints/step_%07d/", step);
      put(root, dir + "checkpoint.json", descriptor(step));
      put(root, dir + "generator-0000.params", generator(step));
    }
    put(root, "checkpoints/final/checkpoint.json", descriptor(lossPoints));
    put(root, "checkpoints/final/generator-0000.params", generator(lossPoints));
    client.setTerminated(runId);
    return runId;
  }

  /**
   * What a trainer with quality on adds to a run: the rgb8 quality metrics at the last step,
   * novelty pictures at each step, and the final latent walk.
   */
  void qualityOutputs(String runId, boolean collapsed, long... steps) throws Exception {
    long last = steps[steps.length - 1];
    List<Service.Metric> metrics = new ArrayList<>();
    for (var m :
        java.util.Map.of(
                "fd_rgb8", 12.5,
                "kid_rgb8", 0.25,
                "diversity_rgb8", 0.375,
                "novelty_nn_distance_rgb8", 0.125,
                "mode_collapse", collapsed ? 1.0 : 0.0)
            .entrySet()) {
      metrics.add(
          Service.Metric.newBuilder()
              .setKey(m.getKey())
              .setValue(m.getValue())
              .setStep(last)
              .setTimestamp(System.currentTimeMillis())
              .build());
    }
    client.logBatch(runId, metrics, List.of(), List.of());
    String root =
        ArtifactPaths.proxyRoot(client.getRun(runId).getInfo().getArtifactUri()).orElseThrow();
    for (long step : steps) {
      put(root, String.format("novelty/step_%07d.png", step), png(step + 1));
    }
    put(root, "walks/final.gif", image(last, "gif"));
  }

  void put(String root, String path, byte[] bytes) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        trackingUri + "/api/2.0/mlflow-artifacts/artifacts/" + root + "/" + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("artifact PUT " + path + " answered " + r.statusCode());
    }
  }

  static byte[] descriptor(long step) {
    return ("{\"format\": 2, \"step\": " + step + ", \"model\": \"dcgan32\"}").getBytes();
  }

  /** Stand-in weights whose bytes name their step, so a registered copy can be told apart. */
  static byte[] generator(long step) {
    return ("generator weights at step " + step).getBytes();
  }

  /** A 64x64 grid of 8x8 tiles, each a flat colour drawn from {@code seed}. */
  static byte[] tiles(long seed) throws IOException {
    java.util.Random random = new java.util.Random(seed);
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int t = 0; t < 64; t++) {
      int rgb = random.nextInt(0xffffff);
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          img.setRGB((t % 8) * 8 + x, (t / 8) * 8 + y, rgb);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** A small PNG whose pixels differ per step, so two grids never share bytes. */
  static byte[] png(long step) throws IOException {
    return image(step, "png");
  }

  private static byte[] image(long step, String format) throws IOException {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, (int) step * 997);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, format, out);
    return out.toByteArray();
  }

  static String uniqueRunId(String prefix) {
    return prefix + "_" + UUID.randomUUID();
  }

  private static Service.Param param(String k, String v) {
    return Service.Param.newBuilder().setKey(k).setValue(v).build();
  }

  private static Service.RunTag tag(String k, String v) {
    return Service.RunTag.newBuilder().setKey(k).setValue(v).build();
  }
}
