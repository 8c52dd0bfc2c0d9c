package dev.atelier.ui.service;

/**
 * Which registered model a trial's checkpoint is promoted into, by the trainer's {@code model}
 * param: a super-resolution network ({@code srgan4x}) enlarges images and cannot stand in for an
 * image generator, so it has its own registered model and its own {@code champion}, which {@code
 * ./atelier upscale --sr} then uses beside the GAN champion.
 */
public final class RegisteredModels {
  /** Every GAN family's champion (dcgan*, cdcgan*, progan): the images the studio generates. */
  public static final String GAN = "emoji_dcgan";

  /** The 4x super-resolution champion. */
  public static final String SR = "emoji_srgan4x";

  static final String SR_MODEL = "srgan4x";

  private RegisteredModels() {}

  /** The registered model for a trial whose {@code model} param is {@code model} (may be null). */
  public static String forModel(String model) {
    return SR_MODEL.equals(model) ? SR : GAN;
  }
}
