package dev.atelier.trainers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.trainers.quality.QualitySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the training options beside the hyperparameters: augmentation, divergence, checkpoints
 * (quality is {@link QualitySpec#read}).
 */
final class OptionsReader {
  static final List<String> AUGMENT = List.of("mirror", "diffaug", "ada");
  static final List<String> ADA = List.of("target", "interval", "kimg", "p");
  static final List<String> DIVERGENCE = List.of("d_loss_floor", "window");

  private OptionsReader() {}

  static AugmentSpec augment(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = Fields.object(root, "augment", false, violations);
    if (node.isEmpty()) {
      return AugmentSpec.NONE;
    }
    Fields.onlyKnown(node.get(), "augment", AUGMENT, violations);
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
    Optional<AdaSpec> ada = ada(f, violations);
    if (ada.isPresent() && !diffaug.isEmpty()) {
      f.violation(
          "ada",
          "cannot be combined with augment.diffaug "
              + diffaug.stream().map(AugmentSpec.DiffAug::specName).toList()
              + " (both augment every image D sees: pick one)");
    }
    return new AugmentSpec(mirror, diffaug, ada);
  }

  /**
   * {@code augment.ada}: {@code true} (StyleGAN2-ADA's defaults), {@code false}, or an object with
   * any of {@code target}, {@code interval}, {@code kimg}, {@code p}.
   */
  private static Optional<AdaSpec> ada(Fields augment, List<String> violations) {
    Optional<JsonNode> n = augment.node("ada");
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.get().isBoolean()) {
      return n.get().asBoolean() ? Optional.of(AdaSpec.DEFAULTS) : Optional.empty();
    }
    if (!n.get().isObject()) {
      augment.violation("ada", n.get() + " is not true, false or an object like {\"target\": 0.6}");
      return Optional.empty();
    }
    Fields.onlyKnown(n.get(), augment.path("ada"), ADA, violations);
    Fields f = new Fields(n.get(), augment.path("ada"), violations);
    AdaSpec d = AdaSpec.DEFAULTS;
    double target = f.number("target", d.target(), 0, true, 1);
    if (target == 1) {
      // sign(D(real)) averages to at most 1: p would only ever fall.
      f.violation("target", n.get().get("target") + " must be < 1");
    }
    int interval = (int) f.integer("interval", d.interval(), 1, 1_000_000);
    double kimg = f.number("kimg", d.kimg(), 0, true, 1e9);
    double p = f.number("p", d.p(), 0, false, 1);
    return Optional.of(new AdaSpec(target, interval, kimg, p));
  }

  /**
   * {@code keep_best_by} defaults to the quality feature space's FD ({@code fd_rgb8}, or e.g.
   * {@code fd_inception} with an extractor) and to {@code fd_diag_rgb8} with quality off; a name
   * that no sample step logs, or one where lower is not better, would silently keep nothing.
   */
  static CheckpointSpec checkpoints(
      Fields top,
      int sampleEvery,
      QualitySpec quality,
      List<String> violations,
      List<String> warnings) {
    List<String> rankable = new ArrayList<>(List.of(CheckpointSpec.DEFAULTS.keepBestBy()));
    rankable.addAll(quality.lowerIsBetter());
    String fallback =
        quality.enabled() ? quality.lowerIsBetter().get(0) : CheckpointSpec.DEFAULTS.keepBestBy();
    return checkpoints(
        top,
        sampleEvery,
        quality,
        new Ranking(rankable, fallback, "the metrics this trial logs where lower is better"),
        warnings);
  }

  /**
   * What {@code keep_best_by} may name for a model.
   *
   * @param rankable the metrics a trial logs at sample steps that can rank checkpoints
   * @param fallback the default
   * @param rule the rule's words in the violation, before the list
   */
  record Ranking(List<String> rankable, String fallback, String rule) {}

  /** {@code checkpoint_every}, {@code keep_last} and {@code keep_best_by} by a model's ranking. */
  static CheckpointSpec checkpoints(
      Fields top, int sampleEvery, QualitySpec quality, Ranking ranking, List<String> warnings) {
    CheckpointSpec d = CheckpointSpec.DEFAULTS;
    int every = (int) top.integer("checkpoint_every", d.every(), 1, Integer.MAX_VALUE);
    int keepLast = (int) top.integer("keep_last", d.keepLast(), 1, 1000);
    String bestBy = top.string("keep_best_by", false).orElse(ranking.fallback());
    if (!ranking.rankable().contains(bestBy)) {
      top.violation(
          "keep_best_by",
          "\"" + bestBy + "\" is not one of " + ranking.rule() + " " + ranking.rankable());
    }
    int measured = quality.lowerIsBetter().contains(bestBy) ? quality.every() : sampleEvery;
    if (measured > 0 && every % measured != 0 && top.node("checkpoint_every").isPresent()) {
      warnings.add(
          "checkpoint_every: "
              + every
              + " is not a multiple of "
              + (measured == sampleEvery ? "sample_every " : "quality.every ")
              + measured
              + ": a step checkpoint is ranked by the last "
              + bestBy
              + " measured before it");
    }
    return new CheckpointSpec(every, keepLast, bestBy);
  }

  static DivergenceSpec divergence(JsonNode root, List<String> violations) {
    Optional<JsonNode> node = Fields.object(root, "divergence", false, violations);
    DivergenceSpec d = DivergenceSpec.DEFAULTS;
    if (node.isEmpty()) {
      return d;
    }
    Fields.onlyKnown(node.get(), "divergence", DIVERGENCE, violations);
    Fields f = new Fields(node.get(), "divergence", violations);
    return new DivergenceSpec(
        f.number("d_loss_floor", d.dLossFloor(), 0, false, 1),
        (int) f.integer("window", d.window(), 1, 100_000_000));
  }
}
