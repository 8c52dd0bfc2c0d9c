package dev.atelier.trainers.quality;

import java.util.Arrays;
import java.util.Optional;

/**
 * The pixel range a feature network was trained on. Atelier's images are in [-1, 1]; each constant
 * says how they are converted before the forward pass.
 */
public enum InputRange {
  /** Passed as they are: networks trained on [-1, 1] inputs. */
  MINUS_ONE_ONE("minus_one_one"),
  /** (x + 1) / 2: torchvision models before their Normalize, or exports that normalise inside. */
  ZERO_ONE("zero_one"),
  /** [0, 1] then per channel (x - mean) / std with ImageNet's mean and std, RGB order. */
  IMAGENET("imagenet");

  static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
  static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

  private final String spec;

  InputRange(String spec) {
    this.spec = spec;
  }

  /** The spelling in a trial spec and in a model's {@code atelier.json}. */
  public String spec() {
    return spec;
  }

  public static Optional<InputRange> parse(String s) {
    return Arrays.stream(values()).filter(r -> r.spec.equals(s)).findFirst();
  }

  public static String choices() {
    return Arrays.toString(Arrays.stream(values()).map(InputRange::spec).toArray());
  }
}
