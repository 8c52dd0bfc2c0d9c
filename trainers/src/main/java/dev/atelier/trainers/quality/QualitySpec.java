package dev.atelier.trainers.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The trial spec's {@code quality} object, read into options; every violation is added to the
 * caller's list (field, value, rule) so the spec parser can report them all at once.
 *
 * <pre>
 * "quality": {"samples": 256, "neighbours": 3, "collapse_threshold": 0.5,
 *             "kid_subsets": 100, "kid_subset_size": 1000, "walk_keyframes": 8, "walk_frames": 8,
 *             "extractor": {"path": "/models/inception_v3_pool3.pt", "name": "inception",
 *                           "input_size": 299, "input_range": "zero_one", "batch_size": 64}}
 * </pre>
 */
public record QualitySpec(QualityOptions options, Optional<ExtractorOptions> extractor) {
  private static final Set<String> FIELDS =
      Set.of(
          "samples",
          "neighbours",
          "collapse_threshold",
          "kid_subsets",
          "kid_subset_size",
          "walk_keyframes",
          "walk_frames",
          "extractor");
  private static final Set<String> EXTRACTOR_FIELDS =
      Set.of("path", "name", "input_size", "input_range", "batch_size");

  /**
   * @param node the {@code quality} object (null or absent: all defaults, no extractor)
   * @param probeCount the spec's {@code probe.count}: novelty rows and walk keyframes come from it
   */
  public static QualitySpec read(JsonNode node, int probeCount, List<String> violations) {
    QualityOptions d = QualityOptions.defaults().withProbeCount(probeCount);
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new QualitySpec(d, Optional.empty());
    }
    if (!node.isObject()) {
      violations.add("quality: " + node + " is not an object");
      return new QualitySpec(d, Optional.empty());
    }
    unknown(node, FIELDS, "quality", violations);
    QualityOptions o =
        new QualityOptions(
            integer(node, "samples", d.samples(), violations),
            probeCount,
            integer(node, "neighbours", d.neighbours(), violations),
            number(node, "collapse_threshold", d.collapseThreshold(), violations),
            integer(node, "kid_subsets", d.kidSubsets(), violations),
            integer(node, "kid_subset_size", d.kidSubsetSize(), violations),
            integer(node, "walk_keyframes", d.walkKeyframes(), violations),
            integer(node, "walk_frames", d.walkFrames(), violations),
            d.seed());
    violations.addAll(o.violations("quality"));
    return new QualitySpec(o, extractor(node.get("extractor"), violations));
  }

  /** Loads the extractor (if any) and builds the evaluator, which then owns it. */
  public QualityEvaluator evaluator(RealImages real) throws IOException {
    Optional<FeatureExtractor> x = Optional.empty();
    if (extractor.isPresent()) {
      x = Optional.of(TorchScriptExtractor.load(extractor.get()));
    }
    return new QualityEvaluator(real, x, options);
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
    violations.addAll(o.violations(p));
    return Optional.of(o);
  }

  private static void unknown(JsonNode n, Set<String> known, String p, List<String> violations) {
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
