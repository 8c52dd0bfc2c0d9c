package dev.atelier.trainers.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The trial spec's {@code quality} object, read into options; every violation is added to the
 * caller's list (field, value, rule) so the spec parser can report them all at once.
 *
 * <pre>
 * "quality": {"enabled": true, "every": 100, "samples": 256, "neighbours": 3,
 *             "collapse_threshold": 0.5, "kid_subsets": 100, "kid_subset_size": 1000,
 *             "walk_keyframes": 8, "walk_frames": 8,
 *             "extractor": {"path": "/models/inception_v3_pool3.pt", "name": "inception",
 *                           "input_size": 299, "input_range": "zero_one", "batch_size": 64}}
 * </pre>
 *
 * @param enabled whether the trial measures quality at all (on unless the spec says otherwise)
 * @param every steps between evaluations, a multiple of {@code sample_every} (evaluations happen at
 *     sample steps, so a novelty picture pairs with a grid of the same step); also at the last step
 * @param space the feature space's name in metric names: the extractor's (its {@code name}, else
 *     the file's {@code atelier.json}, else the file's base name) or {@value Rgb8Features#NAME}
 * @param background true (the default): a GAN trial evaluates on a second thread, on a copy of the
 *     exported generator taken at the quality step, while training goes on; false: on the training
 *     thread, which waits (the former behaviour, kept to measure the difference)
 */
public record QualitySpec(
    boolean enabled,
    int every,
    QualityOptions options,
    Optional<ExtractorOptions> extractor,
    String space,
    boolean background) {
  public static final List<String> FIELDS =
      List.of(
          "enabled",
          "every",
          "background",
          "samples",
          "neighbours",
          "collapse_threshold",
          "kid_subsets",
          "kid_subset_size",
          "walk_keyframes",
          "walk_frames",
          "extractor");
  public static final List<String> EXTRACTOR_FIELDS =
      List.of("path", "name", "input_size", "input_range", "batch_size");

  /** On, every sample step, the built-in feature space, default options. */
  public static QualitySpec defaults(int probeCount, int sampleEvery) {
    return new QualitySpec(
        true,
        sampleEvery,
        QualityOptions.defaults().withProbeCount(Math.max(2, probeCount)),
        Optional.empty(),
        Rgb8Features.NAME,
        true);
  }

  /** The metrics whose lowest value marks the best step (what {@code keep_best_by} may name). */
  public List<String> lowerIsBetter() {
    return enabled ? List.of("fd_" + space, "kid_" + space) : List.of();
  }

  /**
   * @param node the {@code quality} object (null or absent: all defaults, built-in feature space)
   * @param probeCount the spec's {@code probe.count}: novelty rows and walk keyframes come from it
   * @param sampleEvery the spec's {@code sample_every}: the default of {@code every}, which must be
   *     a multiple of it
   */
  public static QualitySpec read(
      JsonNode node, int probeCount, int sampleEvery, List<String> violations) {
    QualitySpec d = defaults(probeCount, sampleEvery);
    if (node == null || node.isNull() || node.isMissingNode()) {
      probeRule(true, probeCount, violations);
      return d;
    }
    if (!node.isObject()) {
      violations.add("quality: " + node + " is not an object");
      return d;
    }
    unknown(node, FIELDS, "quality", violations);
    boolean enabled = true;
    JsonNode e = node.get("enabled");
    if (e != null && !e.isNull()) {
      if (e.isBoolean()) {
        enabled = e.asBoolean();
      } else {
        violations.add("quality.enabled: " + e + " is not true or false");
      }
    }
    boolean background = true;
    JsonNode b = node.get("background");
    if (b != null && !b.isNull()) {
      if (b.isBoolean()) {
        background = b.asBoolean();
      } else {
        violations.add("quality.background: " + b + " is not true or false");
      }
    }
    boolean given = node.hasNonNull("every");
    int every = integer(node, "every", sampleEvery, violations);
    if (given && every < 1) {
      violations.add("quality.every: " + every + " must be >= 1");
    } else if (given && sampleEvery > 0 && every % sampleEvery != 0) {
      violations.add(
          "quality.every: "
              + every
              + " must be a multiple of sample_every ("
              + sampleEvery
              + "): quality is measured at sample steps");
    }
    probeRule(enabled, probeCount, violations);
    QualityOptions o =
        new QualityOptions(
            integer(node, "samples", d.options().samples(), violations),
            Math.max(2, probeCount),
            integer(node, "neighbours", d.options().neighbours(), violations),
            number(node, "collapse_threshold", d.options().collapseThreshold(), violations),
            integer(node, "kid_subsets", d.options().kidSubsets(), violations),
            integer(node, "kid_subset_size", d.options().kidSubsetSize(), violations),
            integer(node, "walk_keyframes", d.options().walkKeyframes(), violations),
            integer(node, "walk_frames", d.options().walkFrames(), violations),
            d.options().seed());
    violations.addAll(o.violations("quality"));
    Optional<ExtractorOptions> x = extractor(node.get("extractor"), violations);
    String space = x.map(xo -> spaceOf(xo, violations)).orElse(Rgb8Features.NAME);
    return new QualitySpec(enabled, every, o, x, space, background);
  }

  /** The novelty rows and the walk's keyframes are probe images: a walk needs two. */
  private static void probeRule(boolean enabled, int probeCount, List<String> violations) {
    if (enabled && probeCount < 2) {
      violations.add(
          "probe.count: "
              + probeCount
              + " must be >= 2 while quality is on (the latent walk joins probe images;"
              + " \"quality\": {\"enabled\": false} turns quality off)");
    }
  }

  /** Loads the extractor (the built-in one without a file) and builds the evaluator, its owner. */
  public QualityEvaluator evaluator(RealImages real) throws IOException {
    return new QualityEvaluator(real, openExtractor(), options);
  }

  /** The feature space: the user's TorchScript extractor, else {@link Rgb8Features}; close it. */
  public FeatureExtractor openExtractor() throws IOException {
    return extractor.isPresent()
        ? TorchScriptExtractor.load(extractor.get())
        : (FeatureExtractor) new Rgb8Features();
  }

  private static String spaceOf(ExtractorOptions x, List<String> violations) {
    if (x.name().isPresent()) {
      return x.name().get();
    }
    Optional<String> declared = TorchScriptExtractor.declaredName(x.path());
    if (declared.isPresent() && !ExtractorOptions.NAME.matcher(declared.get()).matches()) {
      violations.add(
          "quality.extractor.path: '"
              + x.path()
              + "' declares the name \""
              + declared.get()
              + "\" in "
              + TorchScriptExtractor.METADATA
              + ", which must match "
              + ExtractorOptions.NAME.pattern()
              + " (or give quality.extractor.name)");
    }
    return declared.orElseGet(() -> ExtractorOptions.nameFromFile(x.path()));
  }

  private static Optional<ExtractorOptions> extractor(JsonNode n, List<String> violations) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    String p = "quality.extractor";
    if (!n.isObject()) {
      violations.add(p + ": " + n + " is not an object");
      return Optional.empty();
    }
    unknown(n, EXTRACTOR_FIELDS, p, violations);
    JsonNode path = n.get("path");
    if (path == null || !path.isTextual() || path.asText().isBlank()) {
      violations.add(p + ".path: " + (path == null ? "is required" : path + " is not a file path"));
      return Optional.empty();
    }
    Optional<String> name = text(n, "name", p, violations);
    Optional<InputRange> range = Optional.empty();
    Optional<String> r = text(n, "input_range", p, violations);
    if (r.isPresent()) {
      range = InputRange.parse(r.get());
      if (range.isEmpty()) {
        violations.add(
            p + ".input_range: \"" + r.get() + "\" is not one of " + InputRange.choices());
      }
    }
    OptionalInt size =
        n.has("input_size") && !n.get("input_size").isNull()
            ? OptionalInt.of(integer(n, "input_size", 0, p, violations))
            : OptionalInt.empty();
    int batch = integer(n, "batch_size", ExtractorOptions.DEFAULT_BATCH, p, violations);
    ExtractorOptions o = new ExtractorOptions(Path.of(path.asText()), name, size, range, batch);
    List<String> bad = o.violations(p);
    violations.addAll(bad);
    return bad.isEmpty() ? Optional.of(o) : Optional.empty();
  }

  private static void unknown(JsonNode n, List<String> known, String p, List<String> violations) {
    n.fieldNames()
        .forEachRemaining(
            f -> {
              if (!known.contains(f)) {
                violations.add(p + "." + f + ": is not a known field " + new TreeSet<>(known));
              }
            });
  }

  private static Optional<String> text(JsonNode n, String f, String p, List<String> violations) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      violations.add(p + "." + f + ": " + v + " is not a string");
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  private static int integer(JsonNode n, String f, int fallback, List<String> violations) {
    return integer(n, f, fallback, "quality", violations);
  }

  private static int integer(
      JsonNode n, String f, int fallback, String p, List<String> violations) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      violations.add(p + "." + f + ": " + v + " is not an integer");
      return fallback;
    }
    return v.asInt();
  }

  private static double number(JsonNode n, String f, double fallback, List<String> violations) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      violations.add("quality." + f + ": " + v + " is not a number");
      return fallback;
    }
    return v.asDouble();
  }
}
