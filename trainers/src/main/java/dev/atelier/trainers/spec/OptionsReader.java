package dev.atelier.trainers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the training options beside the hyperparameters: augmentation, divergence, checkpoints. */
final class OptionsReader {
  static final List<String> AUGMENT = List.of("mirror", "diffaug");
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
    return new AugmentSpec(mirror, diffaug);
  }

  static CheckpointSpec checkpoints(Fields top, int sampleEvery, List<String> warnings) {
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
