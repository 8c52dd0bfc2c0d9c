package dev.atelier.trainers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atelier.trainers.quality.InputRange;
import dev.atelier.trainers.quality.QualitySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a spec whose {@code model} is {@code srgan4x}. The top level is the GAN spec's (trial_id,
 * dataset, seed, probe, sample_every, threads, output_dir, mlflow, checkpoint_every, keep_last,
 * keep_best_by, divergence, quality, augment.mirror), read by the same code; the hyperparameters
 * are SR's own ({@code ema_decay} with the GAN's rule). GAN-only fields are warnings, not errors,
 * so one sweep template can carry both kinds.
 */
public final class SrSpecParser {
  /** Hyperparameter names, in the order the help documents them. */
  public static final List<String> HYPERPARAMS =
      List.of(
          "lr",
          "lr_g",
          "lr_d",
          "beta1",
          "beta2",
          "batch_size",
          "steps",
          "g_width",
          "d_width",
          "residual_blocks",
          "adversarial_weight",
          "content_loss",
          "content_only_steps",
          "ema_decay");

  private static final Set<String> TOP_LEVEL =
      Set.of(
          "trial_id",
          "model",
          "dataset",
          "hyperparams",
          "seed",
          "probe",
          "sample_every",
          "threads",
          "output_dir",
          "mlflow",
          "augment",
          "checkpoint_every",
          "keep_last",
          "keep_best_by",
          "divergence",
          "quality",
          "content_features");

  /** {@code quality}'s options that only make sense for a GAN's latent samples: ignored. */
  static final List<String> QUALITY_IGNORED =
      List.of("samples", "neighbours", "collapse_threshold", "walk_keyframes", "walk_frames");

  static final List<String> CONTENT_FEATURES = List.of("path", "weight", "input_range");

  private static final int MIN_SIZE = 8;
  private static final int MAX_SIZE = 1024;
  private static final int DEFAULT_SIZE = 64;
  private static final int DEFAULT_PROBES = 16;

  private SrSpecParser() {}

  /** Whether the spec file names {@code "model": "srgan4x"} (false for anything unreadable). */
  public static boolean declaresSr(Path file) {
    try {
      JsonNode root = SpecParser.JSON.readTree(Files.readString(file));
      return root != null && SrTrialSpec.MODEL.equals(root.path("model").asText(null));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public static SrParsedSpec parseFile(Path file) {
    return SpecParser.parseFile(file, SrSpecParser::parse, SrParsedSpec::failed);
  }

  public static SrParsedSpec parse(String json) {
    JsonNode root;
    try {
      root = SpecParser.rootObject(json);
    } catch (BadSpecException e) {
      return SrParsedSpec.failed(e.violations().get(0));
    }
    List<String> violations = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    SpecParser.unknownTopLevel(
        root, TOP_LEVEL, "has no effect for model " + SrTrialSpec.MODEL + ", ignored", warnings);
    Fields top = new Fields(root, "", violations);
    Optional<String> trialId = top.string("trial_id", true);
    top.string("model", true)
        .filter(m -> !m.equals(SrTrialSpec.MODEL))
        .ifPresent(
            m -> top.violation("model", "\"" + m + "\" is not \"" + SrTrialSpec.MODEL + "\""));
    Optional<DatasetSpec> dataset = dataset(root, violations);
    SrHyperparams hp = hyperparams(root, violations);
    long seed = top.integer("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
    ProbeSpec probe = SpecParser.probe(root, violations);
    if (root.path("probe").path("count").isMissingNode()) {
      probe = new ProbeSpec(probe.seed(), DEFAULT_PROBES);
    }
    int sampleEvery = (int) top.integer("sample_every", 100, 1, Integer.MAX_VALUE);
    OptionalInt threads = SpecParser.threads(top);
    Optional<Path> outputDir = SpecParser.outputDir(top);
    Optional<MlflowSpec> mlflow = SpecParser.mlflow(root, violations);
    boolean mirror = mirror(root, violations);
    DivergenceSpec divergence = OptionsReader.divergence(root, violations);
    QualitySpec quality = quality(root, probe, sampleEvery, violations, warnings);
    CheckpointSpec checkpoints =
        OptionsReader.checkpoints(
            top,
            sampleEvery,
            quality,
            new OptionsReader.Ranking(
                SrTrialSpec.rankable(quality),
                SrTrialSpec.PSNR,
                "the metrics srgan4x logs at sample steps (psnr: higher is better; the others:"
                    + " lower)"),
            warnings);
    Optional<FeatureLossSpec> features = contentFeatures(root, violations);
    if (!violations.isEmpty()) {
      return new SrParsedSpec(Optional.empty(), violations, warnings, mlflow, outputDir);
    }
    SrTrialSpec spec =
        new SrTrialSpec(
            trialId.orElseThrow(),
            dataset.orElseThrow(),
            hp,
            seed,
            probe,
            sampleEvery,
            threads,
            outputDir.orElseThrow(),
            mlflow,
            mirror,
            checkpoints.every(),
            checkpoints.keepLast(),
            features,
            divergence,
            checkpoints.keepBestBy(),
            quality);
    return new SrParsedSpec(Optional.of(spec), violations, warnings, mlflow, outputDir);
  }

  /** The GAN spec's dataset rules, with SR's size rule: a multiple of 4, 8..1024 (default 64). */
  private static Optional<DatasetSpec> dataset(JsonNode root, List<String> violations) {
    Optional<DatasetSpec> d = SpecParser.dataset(root, Optional.empty(), violations);
    JsonNode size = root.path("dataset").path("image_size");
    if (size.isMissingNode() || size.isNull()) {
      return d.map(s -> new DatasetSpec(s.path(), DEFAULT_SIZE, s.background(), s.exclude()));
    }
    if (size.isIntegralNumber()
        && (size.asLong() % SrTrialSpec.SCALE != 0
            || size.asLong() < MIN_SIZE
            || size.asLong() > MAX_SIZE)) {
      violations.add(
          "dataset.image_size: "
              + size
              + " must be a multiple of 4 from "
              + MIN_SIZE
              + " to "
              + MAX_SIZE
              + " for model srgan4x (the ground-truth size; inputs are a quarter of it)");
      return Optional.empty();
    }
    return d;
  }

  /**
   * The GAN spec's {@code quality} object. Its options for drawing latent samples, novelty and the
   * walk mean nothing here and are ignored with a warning (one sweep template can serve both kinds
   * of model); FD and KID need two probe images.
   */
  private static QualitySpec quality(
      JsonNode root,
      ProbeSpec probe,
      int sampleEvery,
      List<String> violations,
      List<String> warnings) {
    JsonNode node = root.get("quality");
    if (node instanceof ObjectNode object) {
      ObjectNode kept = object.deepCopy();
      for (String f : QUALITY_IGNORED) {
        if (kept.remove(f) != null) {
          warnings.add(
              "quality."
                  + f
                  + ": has no effect for model srgan4x (FD and KID compare the probe images' SR"
                  + " outputs with their ground truth; probe.count sets how many), ignored");
        }
      }
      node = kept;
    }
    QualitySpec q = QualitySpec.read(node, Math.max(2, probe.count()), sampleEvery, violations);
    q = SrTrialSpec.builtInSpace(q);
    if (q.enabled() && probe.count() < 2) {
      violations.add(
          "probe.count: "
              + probe.count()
              + " must be >= 2 while quality is on (FD and KID compare the probe images' SR"
              + " outputs with their ground truth; \"quality\": {\"enabled\": false} turns"
              + " quality off)");
    }
    return q;
  }

  private static Optional<FeatureLossSpec> contentFeatures(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = Fields.object(root, "content_features", false, violations);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Fields.onlyKnown(node.get(), "content_features", CONTENT_FEATURES, violations);
    Fields f = new Fields(node.get(), "content_features", violations);
    Optional<Path> path =
        f.string("path", true)
            .flatMap(
                s -> {
                  Path p = Path.of(s);
                  if (!p.isAbsolute()) {
                    f.violation("path", "'" + s + "' must be an absolute path");
                  } else if (!Files.isRegularFile(p)) {
                    f.violation("path", "'" + s + "' is not a file (a TorchScript network)");
                  } else {
                    return Optional.of(p);
                  }
                  return Optional.empty();
                });
    double weight = f.number("weight", 1, 0, true, 1000);
    InputRange range =
        f.oneOf("input_range", Arrays.stream(InputRange.values()).map(InputRange::spec).toList())
            .flatMap(InputRange::parse)
            .orElse(InputRange.ZERO_ONE);
    return path.map(p -> new FeatureLossSpec(p, weight, range));
  }

  private static boolean mirror(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = Fields.object(root, "augment", false, violations);
    if (node.isEmpty()) {
      return false;
    }
    Fields f = new Fields(node.get(), "augment", violations);
    if (f.node("diffaug").filter(n -> !n.isArray() || n.size() > 0).isPresent()) {
      f.violation("diffaug", "is not supported by model srgan4x (only augment.mirror is)");
    }
    if (f.node("ada").filter(n -> !n.isBoolean() || n.asBoolean()).isPresent()) {
      f.violation("ada", "is not supported by model srgan4x (only augment.mirror is)");
    }
    Fields.onlyKnown(node.get(), "augment", OptionsReader.AUGMENT, violations);
    return f.bool("mirror", false);
  }

  private static SrHyperparams hyperparams(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = Fields.object(root, "hyperparams", false, violations);
    SrHyperparams d = SrHyperparams.DEFAULTS;
    if (node.isEmpty()) {
      return d;
    }
    HyperparamsReader.onlyKnown(
        node.get(), HYPERPARAMS, "is not a hyperparameter of srgan4x", violations);
    Fields f = new Fields(node.get(), "hyperparams", violations);
    double lr = f.number("lr", d.lrG(), 0, true, 1);
    double lrG = HyperparamsReader.learningRate(f, "lr_g", lr);
    double lrD = HyperparamsReader.learningRate(f, "lr_d", lr);
    int steps = (int) f.integer("steps", d.steps(), 1, 100_000_000);
    int contentOnly = (int) f.integer("content_only_steps", d.contentOnlySteps(), 0, 100_000_000);
    return new SrHyperparams(
        lrG,
        lrD,
        f.fraction("beta1", d.beta1()),
        f.fraction("beta2", d.beta2()),
        (int) f.integer("batch_size", d.batchSize(), 1, 4096),
        steps,
        (int) f.integer("g_width", d.gWidth(), 1, 1024),
        (int) f.integer("d_width", d.dWidth(), 1, 1024),
        (int) f.integer("residual_blocks", d.residualBlocks(), 0, 64),
        f.number("adversarial_weight", d.adversarialWeight(), 0, false, 1000),
        f.oneOf("content_loss", ContentLoss.specNames())
            .flatMap(ContentLoss::bySpecName)
            .orElse(d.contentLoss()),
        contentOnly,
        HyperparamsReader.emaDecay(f, d.emaDecay()));
  }
}
