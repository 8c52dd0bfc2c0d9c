package dev.atelier.trainers.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The adversarial objectives a spec may name. {@code wgan_gp} is the only one whose discriminator
 * is a critic with a gradient penalty; the other two score logits.
 */
public enum LossKind {
  /** Non-saturating BCE on logits (Goodfellow et al. 2014): the DCGAN default. */
  BCE("bce"),
  /** Hinge loss (Lim and Ye 2017; Miyato et al. 2018). */
  HINGE("hinge"),
  /** Wasserstein loss with a gradient penalty on interpolates (Gulrajani et al. 2017). */
  WGAN_GP("wgan_gp");

  private final String specName;

  LossKind(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }

  public static Optional<LossKind> bySpecName(String name) {
    return Arrays.stream(values()).filter(k -> k.specName.equals(name)).findFirst();
  }

  public static List<String> specNames() {
    return Arrays.stream(values()).map(LossKind::specName).toList();
  }
}
