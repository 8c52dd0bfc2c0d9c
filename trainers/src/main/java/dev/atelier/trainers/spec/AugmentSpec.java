package dev.atelier.trainers.spec;

import java.util.List;

/**
 * Augmentation. {@code mirror} flips real images left-right on the data side (half of them, chosen
 * per step); {@code diffaug} lists differentiable augmentations (DiffAugment, Zhao et al. 2020)
 * applied to every image the discriminator sees, real and fake, in both updates; {@code ada} is
 * adaptive discriminator augmentation (StyleGAN2-ADA's 'bgc' pipeline, its probability steered by
 * D's overfitting heuristic), applied in the same place.
 */
public record AugmentSpec(boolean mirror, List<DiffAug> diffaug, java.util.Optional<AdaSpec> ada) {
  public static final AugmentSpec NONE = new AugmentSpec(false, List.of());

  public AugmentSpec {
    diffaug = List.copyOf(diffaug);
  }

  public AugmentSpec(boolean mirror, List<DiffAug> diffaug) {
    this(mirror, diffaug, java.util.Optional.empty());
  }

  /** The DiffAugment policies, in the order they are applied whatever order the spec lists. */
  public enum DiffAug {
    COLOR("color"),
    TRANSLATION("translation"),
    CUTOUT("cutout");

    private final String specName;

    DiffAug(String specName) {
      this.specName = specName;
    }

    public String specName() {
      return specName;
    }

    public static java.util.Optional<DiffAug> bySpecName(String name) {
      return java.util.Arrays.stream(values()).filter(a -> a.specName.equals(name)).findFirst();
    }

    public static List<String> specNames() {
      return java.util.Arrays.stream(values()).map(DiffAug::specName).toList();
    }
  }
}
