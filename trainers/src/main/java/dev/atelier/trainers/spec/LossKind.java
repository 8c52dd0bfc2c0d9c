package dev.atelier.trainers.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The adversarial objectives a spec may name. {@code wgan_gp}'s discriminator is a critic with a
 * gradient penalty on interpolates; the others score logits ({@code rpgan}: relative to the paired
 * image of the other side).
 */
public enum LossKind {
  /** Non-saturating BCE on logits (Goodfellow et al. 2014): the DCGAN default. */
  BCE("bce"),
  /** Hinge loss (Lim and Ye 2017; Miyato et al. 2018). */
  HINGE("hinge"),
  /** Wasserstein loss with a gradient penalty on interpolates (Gulrajani et al. 2017). */
  WGAN_GP("wgan_gp"),
  /**
   * The relativistic pairing loss (Jolicoeur-Martineau 2019) with zero-centred R1 and R2 penalties,
   * as in R3GAN (Huang et al. 2024): each real image's logit is compared with its paired fake's.
   */
  RPGAN("rpgan");

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
