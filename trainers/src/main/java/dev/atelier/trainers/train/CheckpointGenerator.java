package dev.atelier.trainers.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The generator of a saved checkpoint ({@code checkpoints/final/} or a {@code step_NNNNNNN/}
 * folder, or the same files downloaded from MLflow), rebuilt from its {@value
 * Checkpoint#DESCRIPTOR} alone ({@link SavedGenerator}): any GAN family, a conditional one with its
 * class names, progan at the growth stage it was saved at. It loads {@value Checkpoint#GENERATOR},
 * the one the trial exported (the weight average when there is one), and draws in inference mode
 * through the same {@link Inference} as the sample steps, so the same latents and labels give the
 * trial's very images.
 */
public final class CheckpointGenerator implements ImageGenerator, AutoCloseable {
  private final NDManager root;
  private final Network generator;
  private final SavedGenerator saved;
  private final int step;
  private final OptionalLong probeSeed;

  private CheckpointGenerator(
      NDManager root, Network generator, SavedGenerator saved, int step, OptionalLong probeSeed) {
    this.root = root;
    this.generator = generator;
    this.saved = saved;
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
    SavedGenerator saved = SavedGenerator.read(dir, d);
    Path params = dir.resolve(Checkpoint.GENERATOR + "-0000.params");
    if (!Files.isRegularFile(params)) {
      throw new IllegalArgumentException("'" + params + "' is missing");
    }
    NDManager root = NDManager.newBaseManager(TrainingDevice.get(), "PyTorch");
    Network g = null;
    try {
      g = Network.create(Checkpoint.GENERATOR, saved.block(), saved.inputShapes());
      g.model.load(dir, Checkpoint.GENERATOR);
      OptionalLong probe =
          d.hasNonNull("probe_seed")
              ? OptionalLong.of(d.get("probe_seed").asLong())
              : OptionalLong.empty();
      return new CheckpointGenerator(root, g, saved, d.path("step").asInt(), probe);
    } catch (MalformedModelException | RuntimeException e) {
      if (g != null) {
        g.close();
      }
      root.close();
      throw new IllegalArgumentException(
          "'"
              + params
              + "' cannot be loaded as a "
              + saved.kind().specName()
              + " generator: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Truncation psi for every image drawn from now on (stylegan2: w = w_avg + psi (w - w_avg)).
   *
   * @throws IllegalArgumentException psi is outside [0, 1], or not 1 for a model without a w
   */
  public void truncation(double psi) {
    if (!(psi >= 0 && psi <= 1)) {
      throw new IllegalArgumentException("--truncation: " + psi + " must be in 0..1");
    }
    if (generator.block instanceof dev.atelier.trainers.model.StyleGan2Generator sg) {
      sg.truncation(psi);
    } else if (psi != 1) {
      throw new IllegalArgumentException(
          "--truncation: "
              + psi
              + " applies only to stylegan2 checkpoints (truncation pulls w towards its mean),"
              + " not \""
              + saved.kind().specName()
              + "\"");
    }
  }

  /** The steps the checkpoint holds. */
  public int step() {
    return step;
  }

  /** The trial's probe seed, when the checkpoint records it (those written since it does). */
  public OptionalLong probeSeed() {
    return probeSeed;
  }

  /** The checkpoint's model, e.g. {@code cdcgan32}. */
  public String model() {
    return saved.kind().specName();
  }

  /**
   * What the images are, beyond their size: for progan the stage the weights last trained at
   * ("16x16 fading in at alpha 0.5, doubled to 32x32"); empty for the other families.
   */
  public Optional<String> stage() {
    return saved
        .growth()
        .map(
            g ->
                g.resolution()
                    + "x"
                    + g.resolution()
                    + (g.alpha() < 1 ? " fading in at alpha " + g.alpha() : "")
                    + (g.resolution() < saved.imageSize()
                        ? ", doubled to " + saved.imageSize() + "x" + saved.imageSize()
                        : ""));
  }

  @Override
  public int latentDim() {
    return saved.latentDim();
  }

  @Override
  public int imageSize() {
    return saved.imageSize();
  }

  @Override
  public List<String> classNames() {
    return saved.classes();
  }

  /** Image i gets class i mod classes for a conditional generator, as the trial's hooks did. */
  @Override
  public float[] generate(float[] latents, int count) {
    int classes = saved.classes().size();
    int[] labels = new int[count];
    for (int i = 0; i < count && classes > 0; i++) {
      labels[i] = i % classes;
    }
    return draw(latents, labels, count);
  }

  @Override
  public float[] generate(float[] latents, int[] labels, int count) {
    if (saved.classes().isEmpty()) {
      return ImageGenerator.super.generate(latents, labels, count);
    }
    if (labels.length != count) {
      throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
    }
    for (int label : labels) {
      if (label < 0 || label >= saved.classes().size()) {
        throw new IllegalArgumentException(
            "label " + label + " is not in 0.." + (saved.classes().size() - 1));
      }
    }
    return draw(latents, labels, count);
  }

  private float[] draw(float[] latents, int[] labels, int count) {
    return Inference.generate(
        generator,
        root,
        latents,
        labels,
        saved.classes().size(),
        count,
        saved.latentDim(),
        saved.imageSize());
  }

  @Override
  public void close() {
    generator.close();
    root.close();
  }
}
