package dev.atelier.trainers.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.spec.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The generator of a saved checkpoint ({@code checkpoints/final/} or a {@code step_NNNNNNN/}
 * folder, or the same files downloaded from MLflow), rebuilt from its {@value
 * Checkpoint#DESCRIPTOR} alone: model, image size, {@code latent_dim} and {@code g_width}. It loads
 * {@value Checkpoint#GENERATOR}, the one the trial exported (the weight average when there is one),
 * and draws in inference mode exactly as the sample steps did.
 */
public final class CheckpointGenerator implements ImageGenerator, AutoCloseable {
  private final NDManager root;
  private final Network generator;
  private final int latentDim;
  private final int size;
  private final int step;
  private final OptionalLong probeSeed;

  private CheckpointGenerator(
      NDManager root,
      Network generator,
      int latentDim,
      int size,
      int step,
      OptionalLong probeSeed) {
    this.root = root;
    this.generator = generator;
    this.latentDim = latentDim;
    this.size = size;
    this.step = step;
    this.probeSeed = probeSeed;
  }

  /**
   * @throws IllegalArgumentException the folder is not a checkpoint this trainer can load; the
   *     message names the folder or file and what is wrong
   */
  public static CheckpointGenerator open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("'" + dir + "' is not a directory");
    }
    JsonNode d =
        Checkpoint.descriptor(dir)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "'"
                            + dir
                            + "' holds no readable "
                            + Checkpoint.DESCRIPTOR
                            + " (a trial's checkpoints/final or checkpoints/step_NNNNNNN folder)"));
    String model = d.path("model").asText();
    ModelKind kind =
        ModelKind.bySpecName(model)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        dir.resolve(Checkpoint.DESCRIPTOR)
                            + ": model \""
                            + model
                            + "\" is not one of "
                            + ModelKind.specNames()));
    if (kind.conditional() || kind.progressive()) {
      // Their generators take labels or a growth stage; the walk draws plain latents only.
      throw new IllegalArgumentException(
          dir.resolve(Checkpoint.DESCRIPTOR)
              + ": model \""
              + model
              + "\" is not supported here: walks are drawn from dcgan32, dcgan64 or dcgan128"
              + " checkpoints");
    }
    int latentDim = positive(d, "latent_dim", dir);
    int width = positive(d, "g_width", dir);
    Path params = dir.resolve(Checkpoint.GENERATOR + "-0000.params");
    if (!Files.isRegularFile(params)) {
      throw new IllegalArgumentException("'" + params + "' is missing");
    }
    NDManager root = NDManager.newBaseManager(TrainingDevice.get(), "PyTorch");
    Network g = null;
    try {
      g =
          Network.create(
              Checkpoint.GENERATOR,
              Dcgan.generator(kind, latentDim, width),
              new Shape(1, latentDim));
      g.model.load(dir, Checkpoint.GENERATOR);
      OptionalLong probe =
          d.hasNonNull("probe_seed")
              ? OptionalLong.of(d.get("probe_seed").asLong())
              : OptionalLong.empty();
      return new CheckpointGenerator(
          root, g, latentDim, kind.imageSize(), d.path("step").asInt(), probe);
    } catch (MalformedModelException | RuntimeException e) {
      if (g != null) {
        g.close();
      }
      root.close();
      throw new IllegalArgumentException(
          "'" + params + "' cannot be loaded as a " + model + " generator: " + e.getMessage(), e);
    }
  }

  private static int positive(JsonNode d, String field, Path dir) {
    JsonNode v = d.path("hyperparams").path(field);
    if (!v.canConvertToInt() || v.asInt() < 1) {
      throw new IllegalArgumentException(
          dir.resolve(Checkpoint.DESCRIPTOR)
              + ": hyperparams."
              + field
              + (v.isMissingNode() ? " is missing" : ": " + v + " is not an integer >= 1"));
    }
    return v.asInt();
  }

  /** The steps the checkpoint holds. */
  public int step() {
    return step;
  }

  /** The trial's probe seed, when the checkpoint records it (those written since it does). */
  public OptionalLong probeSeed() {
    return probeSeed;
  }

  @Override
  public int latentDim() {
    return latentDim;
  }

  @Override
  public int imageSize() {
    return size;
  }

  @Override
  public float[] generate(float[] latents, int count) {
    return Inference.generate(generator, root, latents, count, latentDim, size);
  }

  @Override
  public void close() {
    generator.close();
    root.close();
  }
}
