package dev.atelier.trainers.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.atelier.trainers.data.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a spec file into a {@link TrialSpec}, or into the list of everything wrong with it. The
 * parts needed to report a failure (MLflow run, output folder) are kept even when other fields are
 * bad, so a bad spec can still be reported where the platform looks for it.
 */
public final class SpecParser {
  static final List<String> HYPERPARAMS =
      List.of(
          "lr",
          "lr_g",
          "lr_d",
          "beta1",
          "beta2",
          "latent_dim",
          "batch_size",
          "steps",
          "g_width",
          "d_width",
          "loss",
          "gp_weight",
          "r1_gamma",
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
          "divergence",
          "checkpoint_every",
          "keep_last",
          "keep_best_by");
  private static final List<String> AUGMENT = List.of("mirror", "diffaug");
  private static final List<String> DIVERGENCE = List.of("d_loss_floor", "window");

  /** Fields inside the top-level objects, for {@link #knownFields()}. */
  private static final Map<String, List<String>> NESTED =
      Map.of(
          "dataset",
          List.of("path", "image_size", "background"),
          "hyperparams",
          HYPERPARAMS,
          "probe",
          List.of("seed", "count"),
          "mlflow",
          List.of("tracking_uri", "run_id", "experiment_name"),
          "augment",
          AUGMENT,
          "divergence",
          DIVERGENCE);

  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
  // Exact decimals keep numbers as the user wrote them ("1.0", "0.0002") in error messages.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private SpecParser() {}

  /**
   * Every field the parser reads, as dotted paths ({@code "hyperparams.lr_g"}), sorted: what the
   * help text and the README must document.
   */
  public static List<String> knownFields() {
    List<String> all = new ArrayList<>();
    for (String top : TOP_LEVEL) {
      List<String> inner = NESTED.get(top);
      if (inner == null) {
        all.add(top);
      } else {
        inner.forEach(f -> all.add(top + "." + f));
      }
    }
    all.sort(null);
    return all;
  }

  public static ParsedSpec parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return ParsedSpec.failed("spec: '" + file + "' does not exist or is not a file");
    }
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      return ParsedSpec.failed("spec: '" + file + "' cannot be read: " + e.getMessage());
    }
  }

  public static ParsedSpec parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return ParsedSpec.failed("spec: not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return ParsedSpec.failed("spec: must be a JSON object");
    }
    List<String> violations = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    root.fieldNames()
        .forEachRemaining(
            n -> {
              if (!TOP_LEVEL.contains(n)) {
                warnings.add(n + ": unknown field, ignored");
              }
            });
    Fields top = new Fields(root, "", violations);

    Optional<String> trialId = top.string("trial_id", true);
    Optional<ModelKind> model =
        top.string("model", true)
            .flatMap(
                m -> {
                  Optional<ModelKind> k = ModelKind.bySpecName(m);
                  if (k.isEmpty()) {
                    top.violation("model", "\"" + m + "\" is not one of " + ModelKind.specNames());
                  }
                  return k;
                });
    Optional<DatasetSpec> dataset = dataset(root, model, violations);
    Hyperparams hp = hyperparams(root, violations, warnings);
    long seed = top.integer("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
    ProbeSpec probe = probe(root, violations);
    int sampleEvery = (int) top.integer("sample_every", 100, 1, Integer.MAX_VALUE);
    OptionalInt threads =
        top.node("threads").isPresent()
            ? OptionalInt.of((int) top.integer("threads", 1, 1, 1024))
            : OptionalInt.empty();
    Optional<Path> outputDir =
        top.string("output_dir", true)
            .flatMap(
                s -> {
                  Path p = Path.of(s);
                  if (!p.isAbsolute()) {
                    top.violation("output_dir", "'" + s + "' must be an absolute path");
                    return Optional.empty();
                  }
                  return Optional.of(p);
                });
    Optional<MlflowSpec> mlflow = mlflow(root, violations);
    AugmentSpec augment = augment(root, violations);
    DivergenceSpec divergence = divergence(root, violations);
    CheckpointSpec checkpoints = checkpoints(top, sampleEvery, warnings);

    if (!violations.isEmpty()) {
      return new ParsedSpec(Optional.empty(), violations, warnings, mlflow, outputDir);
    }
    TrialSpec spec =
        new TrialSpec(
            trialId.orElseThrow(),
            model.orElseThrow(),
            dataset.orElseThrow(),
            hp,
            seed,
            probe,
            sampleEvery,
            threads,
            outputDir.orElseThrow(),
            mlflow,
            augment,
            divergence,
            checkpoints);
    return new ParsedSpec(Optional.of(spec), violations, warnings, mlflow, outputDir);
  }

  private static Optional<JsonNode> object(
      JsonNode root, String name, boolean required, List<String> violations) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      if (required) {
        violations.add(name + ": is required");
      }
      return Optional.empty();
    }
    if (!n.isObject()) {
      violations.add(name + ": " + n + " is not an object");
      return Optional.empty();
    }
    return Optional.of(n);
  }

  private static Optional<DatasetSpec> dataset(
      JsonNode root, Optional<ModelKind> model, List<String> violations) {
    Optional<JsonNode> node = object(root, "dataset", true, violations);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Fields f = new Fields(node.get(), "dataset", violations);
    int before = violations.size();
    Optional<Path> path = f.string("path", true).flatMap(s -> existingImageDir(f, s));
    long size = f.integer("image_size", model.map(ModelKind::imageSize).orElse(32), 1, 4096);
    model.ifPresent(
        m -> {
          if (f.node("image_size").isPresent() && size != m.imageSize()) {
            f.violation(
                "image_size",
                f.node("image_size").get()
                    + " must be "
                    + m.imageSize()
                    + " for model "
                    + m.specName());
          }
        });
    int background = 0xffffff;
    Optional<String> colour = f.string("background", false);
    if (colour.isPresent()) {
      if (COLOUR.matcher(colour.get()).matches()) {
        background = Integer.parseInt(colour.get().substring(1), 16);
      } else {
        f.violation("background", "\"" + colour.get() + "\" is not a colour like \"#ffffff\"");
      }
    }
    if (violations.size() > before || path.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DatasetSpec(path.get(), (int) size, background));
  }

  private static Optional<Path> existingImageDir(Fields f, String s) {
    Path p = Path.of(s);
    if (!Files.exists(p)) {
      f.violation("path", "'" + s + "' does not exist");
    } else if (!Files.isDirectory(p)) {
      f.violation("path", "'" + s + "' is not a directory");
    } else if (ImageFiles.under(p).isEmpty()) {
      f.violation("path", "'" + s + "' holds no images (*.png, *.jpg, *.jpeg)");
    } else {
      return Optional.of(p);
    }
    return Optional.empty();
  }

  private static Hyperparams hyperparams(
      JsonNode root, List<String> violations, List<String> warnings) {
    Optional<JsonNode> node = object(root, "hyperparams", false, violations);
    Hyperparams d = Hyperparams.DEFAULTS;
    if (node.isEmpty()) {
      return d;
    }
    for (Iterator<String> it = node.get().fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!HYPERPARAMS.contains(key)) {
        violations.add("hyperparams." + key + ": is not a known hyperparameter " + HYPERPARAMS);
      }
    }
    Fields f = new Fields(node.get(), "hyperparams", violations);
    double lr = f.number("lr", d.lrG(), 0, true, 1);
    double lrG = learningRate(f, "lr_g", lr);
    double lrD = learningRate(f, "lr_d", lr);
    double beta1 = f.fraction("beta1", d.beta1());
    double beta2 = f.fraction("beta2", d.beta2());
    int latentDim = (int) f.integer("latent_dim", d.latentDim(), 1, 4096);
    int batchSize = (int) f.integer("batch_size", d.batchSize(), 1, 4096);
    int steps = (int) f.integer("steps", d.steps(), 1, 100_000_000);
    int gWidth = (int) f.integer("g_width", d.gWidth(), 1, 1024);
    int dWidth = (int) f.integer("d_width", d.dWidth(), 1, 1024);
    LossKind loss =
        f.oneOf("loss", LossKind.specNames()).flatMap(LossKind::bySpecName).orElse(d.loss());
    double gpWeight = f.number("gp_weight", d.gpWeight(), 0, true, 10_000);
    if (f.node("gp_weight").isPresent() && loss != LossKind.WGAN_GP) {
      warnings.add(
          "hyperparams.gp_weight: "
              + f.node("gp_weight").get()
              + " has no effect unless loss is \"wgan_gp\"");
    }
    double r1Gamma = f.number("r1_gamma", d.r1Gamma(), 0, false, 10_000);
    double emaDecay = f.fraction("ema_decay", d.emaDecay());
    return new Hyperparams(
        lrG, lrD, beta1, beta2, latentDim, batchSize, steps, gWidth, dWidth, loss, gpWeight,
        r1Gamma, emaDecay);
  }

  /**
   * {@code lr_g} or {@code lr_d}: its own value, else the shorthand {@code lr}. Giving both forms
   * with different values is a mistake worth naming rather than silently preferring one.
   */
  private static double learningRate(Fields f, String name, double lr) {
    if (f.node(name).isEmpty()) {
      return lr;
    }
    double v = f.number(name, lr, 0, true, 1);
    if (f.node("lr").isPresent() && f.node("lr").get().isNumber() && v != lr) {
      f.violation(
          name,
          f.node(name).get()
              + " conflicts with hyperparams.lr "
              + f.node("lr").get()
              + " (lr sets both networks: give lr, or lr_g and lr_d)");
    }
    return v;
  }

  private static ProbeSpec probe(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = object(root, "probe", false, violations);
    Fields f = new Fields(node.orElse(null), "probe", violations);
    return new ProbeSpec(
        f.integer("seed", 1234, Long.MIN_VALUE, Long.MAX_VALUE),
        (int) f.integer("count", ProbeSpec.GRID_TILES, 1, ProbeSpec.GRID_TILES));
  }

  /** Keys of a small object that are not in {@code known}: each is a violation, not a warning. */
  private static void onlyKnown(
      JsonNode node, String prefix, List<String> known, List<String> violations) {
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                violations.add(prefix + "." + k + ": is not a known field " + known);
              }
            });
  }

  private static AugmentSpec augment(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = object(root, "augment", false, violations);
    if (node.isEmpty()) {
      return AugmentSpec.NONE;
    }
    onlyKnown(node.get(), "augment", AUGMENT, violations);
    Fields f = new Fields(node.get(), "augment", violations);
    boolean mirror = f.bool("mirror", false);
    List<AugmentSpec.DiffAug> diffaug = new ArrayList<>();
    Optional<JsonNode> list = f.node("diffaug");
    if (list.isPresent() && !list.get().isArray()) {
      f.violation("diffaug", list.get() + " is not a list like [\"translation\", \"cutout\"]");
    } else if (list.isPresent()) {
      for (JsonNode item : list.get()) {
        Optional<AugmentSpec.DiffAug> a =
            item.isTextual() ? AugmentSpec.DiffAug.bySpecName(item.asText()) : Optional.empty();
        if (a.isEmpty()) {
          f.violation("diffaug", item + " is not one of " + AugmentSpec.DiffAug.specNames());
        } else if (diffaug.contains(a.get())) {
          f.violation("diffaug", item + " is listed twice");
        } else {
          diffaug.add(a.get());
        }
      }
    }
    return new AugmentSpec(mirror, diffaug);
  }

  private static CheckpointSpec checkpoints(Fields top, int sampleEvery, List<String> warnings) {
    CheckpointSpec d = CheckpointSpec.DEFAULTS;
    int every = (int) top.integer("checkpoint_every", d.every(), 1, Integer.MAX_VALUE);
    int keepLast = (int) top.integer("keep_last", d.keepLast(), 1, 1000);
    String bestBy = top.string("keep_best_by", false).orElse(d.keepBestBy());
    if (sampleEvery > 0 && every % sampleEvery != 0 && top.node("checkpoint_every").isPresent()) {
      warnings.add(
          "checkpoint_every: "
              + every
              + " is not a multiple of sample_every "
              + sampleEvery
              + ": a step checkpoint is ranked by the last "
              + bestBy
              + " measured before it");
    }
    return new CheckpointSpec(every, keepLast, bestBy);
  }

  private static DivergenceSpec divergence(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = object(root, "divergence", false, violations);
    DivergenceSpec d = DivergenceSpec.DEFAULTS;
    if (node.isEmpty()) {
      return d;
    }
    onlyKnown(node.get(), "divergence", DIVERGENCE, violations);
    Fields f = new Fields(node.get(), "divergence", violations);
    return new DivergenceSpec(
        f.number("d_loss_floor", d.dLossFloor(), 0, false, 1),
        (int) f.integer("window", d.window(), 1, 100_000_000));
  }

  private static Optional<MlflowSpec> mlflow(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = object(root, "mlflow", false, violations);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Fields f = new Fields(node.get(), "mlflow", violations);
    Optional<String> uri = f.string("tracking_uri", true);
    if (uri.isPresent() && !uri.get().matches("https?://.+")) {
      f.violation("tracking_uri", "'" + uri.get() + "' must be an http:// or https:// URI");
      uri = Optional.empty();
    }
    Optional<String> runId = f.string("run_id", false);
    Optional<String> experiment = f.string("experiment_name", false);
    return uri.map(u -> new MlflowSpec(u.replaceAll("/+$", ""), runId, experiment));
  }
}
