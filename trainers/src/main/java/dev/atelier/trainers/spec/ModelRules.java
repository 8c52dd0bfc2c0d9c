package dev.atelier.trainers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.trainers.data.ImageClasses;
import dev.atelier.trainers.data.ImageFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a model kind adds to the spec's rules: {@code progressive} (read for {@code progan} only),
 * the losses {@code progan} can train with, and the class folders a conditional model needs.
 */
final class ModelRules {
  static final List<String> PROGRESSIVE =
      List.of("start_size", "fade_in_images", "stabilise_images");
  static final List<Integer> START_SIZES = List.of(8, 16);

  /** A conditional model with more classes would need a wider grid than anyone can compare. */
  static final int MAX_CLASSES = 1000;

  private ModelRules() {}

  /** {@code progressive}: defaults for {@code progan}, a violation for any other model. */
  static Optional<ProgressiveSpec> progressive(
      JsonNode root, Optional<ModelKind> model, int imageSize, List<String> violations) {
    Optional<JsonNode> node = Fields.object(root, "progressive", false, violations);
    if (model.isEmpty()) {
      return Optional.empty();
    }
    if (!model.get().progressive()) {
      node.ifPresent(
          n ->
              violations.add(
                  "progressive: is only for model \"progan\", not \""
                      + model.get().specName()
                      + "\""));
      return Optional.empty();
    }
    if (node.isEmpty()) {
      return Optional.of(ProgressiveSpec.DEFAULTS);
    }
    Fields.onlyKnown(node.get(), "progressive", PROGRESSIVE, violations);
    Fields f = new Fields(node.get(), "progressive", violations);
    ProgressiveSpec d = ProgressiveSpec.DEFAULTS;
    int start = (int) f.integer("start_size", d.startSize(), 1, 4096);
    if (f.node("start_size").isPresent() && !START_SIZES.contains(start)) {
      f.violation("start_size", f.node("start_size").get() + " is not one of " + START_SIZES);
    } else if (start >= imageSize) {
      f.violation(
          "start_size",
          start + " must be smaller than dataset.image_size " + imageSize + " (nothing to grow)");
    }
    long fade = f.integer("fade_in_images", d.fadeInImages(), 1, Integer.MAX_VALUE);
    long stabilise = f.integer("stabilise_images", d.stabiliseImages(), 0, Integer.MAX_VALUE);
    return Optional.of(new ProgressiveSpec(start, fade, stabilise));
  }

  /** A warning when the steps end before the last resolution has faded in. */
  static void reach(ProgressiveSpec p, int imageSize, Hyperparams hp, List<String> warnings) {
    int levels = Integer.numberOfTrailingZeros(imageSize / p.startSize());
    long images = p.stabiliseImages() + (levels - 1) * (p.fadeInImages() + p.stabiliseImages());
    long steps = (images + p.fadeInImages() + hp.batchSize() - 1) / hp.batchSize();
    if (hp.steps() < steps) {
      warnings.add(
          "progressive: the schedule reaches "
              + imageSize
              + "x"
              + imageSize
              + " fully faded in after "
              + steps
              + " steps of "
              + hp.batchSize()
              + " images, but hyperparams.steps is "
              + hp.steps()
              + ": the trial ends at a lower resolution");
    }
  }

  /**
   * progan's discriminator blends two paths while a resolution fades in, and has no explicit input
   * gradient ({@link dev.atelier.trainers.model.CriticGradient} covers the plain DCGAN one), so the
   * gradient penalties are refused rather than silently dropped.
   */
  static void losses(ModelKind model, Hyperparams hp, List<String> violations) {
    if (!model.progressive()) {
      return;
    }
    if (hp.loss() == LossKind.WGAN_GP) {
      violations.add(
          "hyperparams.loss: \"wgan_gp\" is not supported by model progan (no gradient penalty"
              + " through its fading discriminator); use \"bce\" or \"hinge\"");
    }
    if (hp.r1Gamma() > 0) {
      violations.add(
          "hyperparams.r1_gamma: "
              + hp.r1Gamma()
              + " must be 0 for model progan (no gradient penalty through its fading"
              + " discriminator)");
    }
    if (hp.r2Gamma() > 0) {
      violations.add(
          "hyperparams.r2_gamma: "
              + hp.r2Gamma()
              + " must be 0 for model progan (no gradient penalty through its fading"
              + " discriminator)");
    }
  }

  /** {@code probe.truncation} other than 1 needs a model with a w_avg to truncate towards. */
  static void truncation(ModelKind model, ProbeSpec probe, List<String> violations) {
    if (probe.truncation() != 1 && model != ModelKind.STYLEGAN2) {
      violations.add(
          "probe.truncation: "
              + probe.truncation()
              + " applies only to model stylegan2 (truncation pulls w towards its mean), not \""
              + model.specName()
              + "\"");
    }
  }

  /**
   * A conditional model's classes are the sub-folders of {@code dataset.path}: every image must be
   * in one (an image directly in the folder has no class), and there must be at least two.
   */
  static void classes(ModelKind model, Path dir, List<String> violations) {
    if (!model.conditional()) {
      return;
    }
    List<Path> files = ImageFiles.under(dir);
    List<Path> loose = files.stream().filter(f -> ImageClasses.of(dir, f).isEmpty()).toList();
    String rule =
        "a conditional model ("
            + model.specName()
            + ") takes its classes from sub-folder names: put each class's images in its own"
            + " sub-folder";
    if (!loose.isEmpty()) {
      violations.add(
          "dataset.path: '"
              + dir
              + "' holds "
              + loose.size()
              + " image(s) directly in the folder (e.g. "
              + loose.get(0).getFileName()
              + "); "
              + rule);
      return;
    }
    List<String> names = ImageClasses.names(dir, files);
    if (names.size() < 2) {
      violations.add(
          "dataset.path: '"
              + dir
              + "' has "
              + names.size()
              + " class sub-folder(s) "
              + names
              + "; "
              + rule
              + ", at least 2 of them");
    } else if (names.size() > MAX_CLASSES) {
      violations.add(
          "dataset.path: '"
              + dir
              + "' has "
              + names.size()
              + " class sub-folders; a conditional model takes at most "
              + MAX_CLASSES);
    }
  }
}
