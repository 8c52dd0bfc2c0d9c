package dev.atelier.trainers.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.atelier.trainers.data.ExcludeFile;
import dev.atelier.trainers.data.ImageFiles;
import dev.atelier.trainers.quality.QualitySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a spec file into a {@link TrialSpec}, or into the list of everything wrong with it. The
 * parts needed to report a failure (MLflow run, output folder) are kept even when other fields are
 * bad, so a bad spec can still be reported where the platform looks for it.
 */
public final class SpecParser {
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
          "keep_best_by",
          "quality",
          "progressive",
          "init_from");

  private static final List<String> QUALITY_FIELDS = qualityFields();

  /** Fields inside the top-level objects, for {@link #knownFields()}. */
  private static final Map<String, List<String>> NESTED =
      Map.of(
          "dataset",
          List.of("path", "image_size", "background", "exclude_file"),
          "hyperparams",
          HyperparamsReader.FIELDS,
          "probe",
          List.of("seed", "count"),
          "mlflow",
          List.of("tracking_uri", "run_id", "experiment_name", "drain_seconds"),
          "augment",
          OptionsReader.AUGMENT,
          "divergence",
          OptionsReader.DIVERGENCE,
          "quality",
          QUALITY_FIELDS,
          "progressive",
          ModelRules.PROGRESSIVE,
          "init_from",
          List.of("path"));

  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
  // Exact decimals keep numbers as the user wrote them ("1.0", "0.0002") in error messages.
  static final ObjectMapper JSON =
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

  /** {@code quality}'s fields, the extractor's as {@code extractor.path} etc. */
  private static List<String> qualityFields() {
    List<String> q = new ArrayList<>();
    for (String f : QualitySpec.FIELDS) {
      if (f.equals("extractor")) {
        QualitySpec.EXTRACTOR_FIELDS.forEach(x -> q.add("extractor." + x));
      } else {
        q.add(f);
      }
    }
    return List.copyOf(q);
  }

  public static ParsedSpec parseFile(Path file) {
    return parseFile(file, SpecParser::parse, ParsedSpec::failed);
  }

  /** Reads a spec file and parses its text, or says why the file cannot be read. */
  static <T> T parseFile(Path file, Function<String, T> parse, Function<String, T> failed) {
    if (!Files.isRegularFile(file)) {
      return failed.apply("spec: '" + file + "' does not exist or is not a file");
    }
    try {
      return parse.apply(Files.readString(file));
    } catch (IOException e) {
      return failed.apply("spec: '" + file + "' cannot be read: " + e.getMessage());
    }
  }

  /** The spec's top-level object, or the one violation saying why the text is none. */
  static JsonNode rootObject(String json) throws BadSpecException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadSpecException(List.of("spec: not valid JSON: " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new BadSpecException(List.of("spec: must be a JSON object"));
    }
    return root;
  }

  /** A warning per top-level field outside {@code known}: "NAME: {@code consequence}". */
  static void unknownTopLevel(
      JsonNode root, Set<String> known, String consequence, List<String> warnings) {
    root.fieldNames()
        .forEachRemaining(
            n -> {
              if (!known.contains(n)) {
                warnings.add(n + ": " + consequence);
              }
            });
  }

  /** {@code threads}: absent means all cores. */
  static OptionalInt threads(Fields top) {
    return top.node("threads").isPresent()
        ? OptionalInt.of((int) top.integer("threads", 1, 1, 1024))
        : OptionalInt.empty();
  }

  /** {@code output_dir}: required, absolute. */
  static Optional<Path> outputDir(Fields top) {
    return top.string("output_dir", true)
        .flatMap(
            s -> {
              Path p = Path.of(s);
              if (!p.isAbsolute()) {
                top.violation("output_dir", "'" + s + "' must be an absolute path");
                return Optional.empty();
              }
              return Optional.of(p);
            });
  }

  /**
   * {@code init_from}: optional, {@code {"path": "<checkpoint folder>"}}, relative to {@code
   * output_dir} or absolute. Whether the folder holds a checkpoint this trial can take is checked
   * when training starts (a trial that has its own checkpoint never reads it).
   */
  static Optional<Path> initFrom(JsonNode root, Optional<Path> outputDir, List<String> violations) {
    Optional<JsonNode> node = Fields.object(root, "init_from", false, violations);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Fields.onlyKnown(node.get(), "init_from", List.of("path"), violations);
    Fields f = new Fields(node.get(), "init_from", violations);
    return f.string("path", true)
        .filter(
            s -> {
              if (s.isBlank()) {
                f.violation("path", "must not be empty");
              }
              return !s.isBlank();
            })
        .flatMap(s -> outputDir.map(o -> o.resolve(s).normalize()));
  }

  public static ParsedSpec parse(String json) {
    JsonNode root;
    try {
      root = rootObject(json);
    } catch (BadSpecException e) {
      return ParsedSpec.failed(e.violations().get(0));
    }
    List<String> violations = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    unknownTopLevel(root, TOP_LEVEL, "unknown field, ignored", warnings);
    Fields top = new Fields(root, "", violations);

    Optional<String> trialId = top.string("trial_id", true);
    Optional<ModelKind> model =
        top.string("model", true)
            .flatMap(
                m -> {
                  Optional<ModelKind> k = ModelKind.bySpecName(m);
                  if (k.isEmpty()) {
                    // srgan4x has its own parser (SrSpecParser) but is a model all the same.
                    List<String> all = new java.util.ArrayList<>(ModelKind.specNames());
                    all.add(SrTrialSpec.MODEL);
                    top.violation("model", "\"" + m + "\" is not one of " + all);
                  }
                  return k;
                });
    Optional<DatasetSpec> dataset = dataset(root, model, violations);
    Hyperparams hp = HyperparamsReader.read(root, model, violations, warnings);
    long seed = top.integer("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
    ProbeSpec probe = probe(root, violations);
    int sampleEvery = (int) top.integer("sample_every", 100, 1, Integer.MAX_VALUE);
    OptionalInt threads = threads(top);
    Optional<Path> outputDir = outputDir(top);
    Optional<MlflowSpec> mlflow = mlflow(root, violations);
    Optional<Path> initFrom = initFrom(root, outputDir, violations);
    AugmentSpec augment = OptionsReader.augment(root, violations);
    DivergenceSpec divergence = OptionsReader.divergence(root, violations);
    QualitySpec quality =
        QualitySpec.read(root.get("quality"), probe.count(), sampleEvery, violations);
    CheckpointSpec checkpoints =
        OptionsReader.checkpoints(top, sampleEvery, quality, violations, warnings);
    Optional<ProgressiveSpec> progressive =
        ModelRules.progressive(
            root, model, dataset.map(DatasetSpec::imageSize).orElse(Integer.MAX_VALUE), violations);
    model.ifPresent(m -> ModelRules.losses(m, hp, violations));
    model.ifPresent(m -> ModelRules.truncation(m, probe, violations));
    progressive.ifPresent(
        p -> dataset.ifPresent(d -> ModelRules.reach(p, d.imageSize(), hp, warnings)));

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
            checkpoints,
            quality,
            progressive,
            initFrom);
    return new ParsedSpec(Optional.of(spec), violations, warnings, mlflow, outputDir);
  }

  static Optional<DatasetSpec> dataset(
      JsonNode root, Optional<ModelKind> model, List<String> violations) {
    Optional<JsonNode> node = Fields.object(root, "dataset", true, violations);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Fields f = new Fields(node.get(), "dataset", violations);
    int before = violations.size();
    Optional<Path> path = f.string("path", true).flatMap(s -> existingImageDir(f, s));
    long size = f.integer("image_size", model.map(ModelKind::imageSize).orElse(32), 1, 4096);
    model.ifPresent(
        m -> {
          if (f.node("image_size").isPresent() && !m.imageSizes().contains((int) size)) {
            f.violation(
                "image_size",
                f.node("image_size").get()
                    + " must be "
                    + (m.imageSizes().size() == 1
                        ? m.imageSize()
                        : "one of " + m.imageSizes().stream().sorted().toList())
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
    Set<String> exclude = f.string("exclude_file", false).map(e -> excluded(f, e)).orElse(Set.of());
    if (violations.size() > before || path.isEmpty()) {
      return Optional.empty();
    }
    model.ifPresent(m -> ModelRules.classes(m, path.get(), violations));
    return Optional.of(new DatasetSpec(path.get(), (int) size, background, exclude));
  }

  /** The paths {@code dataset.exclude_file} names ({@link ExcludeFile}); a violation if unread. */
  private static Set<String> excluded(Fields f, String s) {
    Path p = Path.of(s);
    if (!Files.isRegularFile(p)) {
      f.violation("exclude_file", "'" + s + "' is not a file");
      return Set.of();
    }
    try {
      return ExcludeFile.read(p);
    } catch (IOException e) {
      f.violation("exclude_file", "'" + s + "' cannot be read: " + e.getMessage());
      return Set.of();
    }
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

  static ProbeSpec probe(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = Fields.object(root, "probe", false, violations);
    Fields f = new Fields(node.orElse(null), "probe", violations);
    return new ProbeSpec(
        f.integer("seed", 1234, Long.MIN_VALUE, Long.MAX_VALUE),
        (int) f.integer("count", ProbeSpec.GRID_TILES, 1, ProbeSpec.GRID_TILES),
        f.number("truncation", 1, 0, false, 1));
  }

  static Optional<MlflowSpec> mlflow(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = Fields.object(root, "mlflow", false, violations);
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
    long drain = f.integer("drain_seconds", MlflowSpec.DEFAULT_DRAIN_WAIT.toSeconds(), 0, 86_400);
    return uri.map(
        u ->
            new MlflowSpec(
                u.replaceAll("/+$", ""), runId, experiment, java.time.Duration.ofSeconds(drain)));
  }
}
