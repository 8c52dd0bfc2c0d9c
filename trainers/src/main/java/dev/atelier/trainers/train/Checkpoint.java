package dev.atelier.trainers.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.trainers.spec.ModelKind;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checkpoint layout under {@code <output_dir>/checkpoints/}: {@code final/} (written at the end
 * and when stopped by a signal; the exported one) and {@code step_NNNNNNN/} (every {@code
 * checkpoint_every} steps, pruned by {@link CheckpointRetention}). Every one is complete and
 * resumable: {@value #GENERATOR} (the generator to use: the weight average when {@code ema_decay} >
 * 0), {@value #GENERATOR_RAW} (the trained generator, with a weight average only), {@value
 * #DISCRIMINATOR}, both Adams' moments, and {@value #DESCRIPTOR}, which names the step, model,
 * hyperparameters and counters, so a checkpoint can be loaded, resumed or promoted without the spec
 * that produced it.
 */
public final class Checkpoint {
  public static final String GENERATOR = "generator";
  public static final String GENERATOR_RAW = "generator_raw";
  public static final String DISCRIMINATOR = "discriminator";
  public static final String DESCRIPTOR = "checkpoint.json";
  static final String ADAM_G = "optimizer_generator.safetensors";
  static final String ADAM_D = "optimizer_discriminator.safetensors";
  static final int FORMAT = 2;

  /**
   * What each sample step uploads to {@code checkpoints/step_NNNNNNN/}: the generator that drew the
   * grid (the weight average when there is one) and the descriptor naming its step, enough to
   * promote and use that step. The discriminator and optimizer state, which only resuming needs,
   * stay local.
   */
  private static final Set<String> SAMPLE_EXPORTED = Set.of(GENERATOR + "-0000.params", DESCRIPTOR);

  /** The files a finished trial exports (uploaded to MLflow); the rest only serve resuming. */
  private static final Set<String> EXPORTED =
      Set.of(GENERATOR + "-0000.params", DISCRIMINATOR + "-0000.params", DESCRIPTOR);

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Checkpoint() {}

  public static Path root(Path outputDir) {
    return outputDir.resolve("checkpoints");
  }

  /** The exported checkpoint, {@code checkpoints/final}. */
  public static Path dir(Path outputDir) {
    return root(outputDir).resolve("final");
  }

  public static Path stepDir(Path outputDir, int step) {
    return root(outputDir).resolve(String.format(Locale.ROOT, "step_%07d", step));
  }

  public static boolean isExported(String fileName) {
    return EXPORTED.contains(fileName);
  }

  public static boolean isSampleExported(String fileName) {
    return SAMPLE_EXPORTED.contains(fileName);
  }

  /** A sample step's generator-only snapshot; hidden, so resuming and retention never see it. */
  static Path snapshotDir(Path outputDir) {
    return root(outputDir).resolve(".sample_snapshot");
  }

  /** Where a sample step's checkpoint goes among the run's MLflow artifacts. */
  public static String artifactDir(int step) {
    return String.format(Locale.ROOT, "checkpoints/step_%07d", step);
  }

  /**
   * The step of the checkpoint in {@code dir} if the given spec can resume from it, or 0 when there
   * is none, it is unreadable, has as many steps as the spec asks for, or was made by another trial
   * (model, image size, hyperparameters other than {@code steps}, seed or augmentation differ).
   */
  public static int resumableStep(Path dir, TrialSpec spec) {
    return descriptor(dir)
        .filter(d -> d.path("format").asInt() == FORMAT)
        .filter(d -> trial(spec).equals(d.path("trial")))
        .map(d -> d.path("step").asInt(0))
        .filter(step -> step < spec.hyperparams().steps())
        .orElse(0);
  }

  /** The resumable checkpoint with the most steps, among final/ and the step_ ones. */
  static Optional<Path> latestResumable(Path outputDir, TrialSpec spec) throws IOException {
    Path best = null;
    int bestStep = 0;
    for (Path dir : candidates(outputDir)) {
      int step = resumableStep(dir, spec);
      if (step > bestStep) {
        best = dir;
        bestStep = step;
      }
    }
    return Optional.ofNullable(best);
  }

  /** This output folder's checkpoint folders (hidden, half-written ones excluded), sorted. */
  public static List<Path> candidates(Path outputDir) throws IOException {
    Path root = root(outputDir);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  /** The folder's {@value #DESCRIPTOR}, when it has a readable one. */
  public static Optional<JsonNode> descriptor(Path dir) {
    Path desc = dir.resolve(DESCRIPTOR);
    if (!Files.isRegularFile(desc)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(desc.toFile()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * What must match for a checkpoint to belong to this trial. The step budget is not part of it: a
   * trial given more steps continues the same trajectory.
   */
  static JsonNode trial(TrialSpec spec) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("model", spec.model().specName());
    t.put("image_size", spec.dataset().imageSize());
    Map<String, Object> hp = new LinkedHashMap<>(spec.hyperparams().asSpecMap());
    hp.remove("steps");
    t.put("hyperparams", hp);
    t.put("seed", spec.seed());
    t.put("augment_mirror", spec.augment().mirror());
    t.put("augment_diffaug", spec.augment().diffaug().stream().map(a -> a.specName()).toList());
    // Only with ADA on, so the identity of every other trial's checkpoints stays what it was.
    spec.augment().ada().ifPresent(a -> t.put("augment_ada", a.asSpecMap()));
    // Only for progan, so the identity of every other trial's checkpoints stays what it was.
    spec.progressive().ifPresent(p -> t.put("progressive", p.asSpecMap()));
    // Through text, so numbers get the node types a descriptor read from disk has (7 is an int
    // node there, a long node from valueToTree, and the two are not equal).
    try {
      return JSON.readTree(JSON.writeValueAsString(t));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<String, Object> describe(TrialSpec spec, Networks nets, CheckpointState s) {
    Map<String, Object> desc = new LinkedHashMap<>();
    desc.put("format", FORMAT);
    desc.put("step", s.step());
    desc.put("steps", spec.hyperparams().steps());
    desc.put("model", spec.model().specName());
    desc.put("image_size", spec.dataset().imageSize());
    desc.put("hyperparams", spec.hyperparams().asSpecMap());
    desc.put("seed", spec.seed());
    // The walk CLI draws its keyframes from the trial's probe latents: the grid's own images.
    desc.put("probe_seed", spec.probe().seed());
    desc.put("trial_id", spec.trialId());
    desc.put("trial", trial(spec));
    desc.put("generator_is_weight_average", nets.ema().isPresent());
    desc.put("discriminator_batchnorm", !spec.hyperparams().gradientPenalty());
    if (nets.classes().isEmpty()) {
      desc.put("generator_input", "(N, latent_dim) standard normal");
    } else {
      desc.put(
          "generator_input",
          "(N, latent_dim) standard normal, (N, num_classes) one-hot class (index into"
              + " class_names)");
      desc.put(
          "discriminator_input",
          "(N, 3 + num_classes, image_size, image_size): the image, then one plane per class"
              + " (1 for the image's class, 0 elsewhere)");
      desc.put("num_classes", nets.classes().size());
      desc.put("class_names", nets.classes());
    }
    desc.put(
        "generator_output",
        spec.model() == ModelKind.R3GAN || spec.model() == ModelKind.STYLEGAN2
            ? "(N, 3, image_size, image_size) RGB, [-1, 1] once clipped (no output activation)"
            : "(N, 3, image_size, image_size) RGB in [-1, 1]");
    spec.progressive()
        .ifPresent(
            p -> {
              GrowthSchedule.Stage now =
                  new GrowthSchedule(p, spec.dataset().imageSize(), spec.hyperparams().batchSize())
                      .at(Math.max(0, s.step() - 1));
              Map<String, Object> g = new LinkedHashMap<>(p.asSpecMap());
              g.put("resolution", now.resolution());
              g.put("level", now.level());
              g.put("alpha", now.alpha());
              desc.put("progressive", g);
              desc.put(
                  "generator_output",
                  "(N, 3, progressive.resolution, progressive.resolution) RGB in [-1, 1]: build"
                      + " ProGanGenerator and set its GrowthStage to progressive.level and alpha");
            });
    desc.put("generator_updates", s.generatorUpdates());
    desc.put("discriminator_updates", s.discriminatorUpdates());
    desc.put("low_d_loss_steps", s.lowDLossSteps());
    desc.put("random_state", "none: every draw is a function of (seed, step)");
    s.quality().ifPresent(q -> desc.put("quality", q.asDescriptor()));
    if (!s.ada().isEmpty()) {
      desc.put("ada", s.ada());
    }
    if (spec.hyperparams().plWeight() > 0) {
      desc.put("pl_mean", s.plMean());
    }
    return desc;
  }
}
