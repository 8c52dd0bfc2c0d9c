package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/**
 * Checks the first real batch before any training: NCHW float32 with 3 channels at the model's
 * size, values finite and in [-1, 1] (the generator's tanh range). A loader that produced HWC,
 * grey, 0..255 or NaN images would otherwise train for hours on garbage, or diverge with a
 * misleading reason.
 */
final class InputLayout {
  /** Slack for float rounding in the loader's [-1, 1] scaling. */
  private static final float EPS = 1e-5f;

  private InputLayout() {}

  static void check(NDArray real, int batch, int size) {
    Shape expected = new Shape(batch, 3, size, size);
    if (!real.getShape().equals(expected)) {
      throw new InputLayoutException(
          "the real batch has shape "
              + real.getShape()
              + "; the models take NCHW RGB "
              + expected
              + " (batch, channels, height, width)");
    }
    if (real.getDataType() != DataType.FLOAT32) {
      throw new InputLayoutException(
          "the real batch is " + real.getDataType() + "; the models take float32");
    }
    float[] v = real.toFloatArray();
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw new InputLayoutException(
            "the real batch holds " + x + " values; images must be finite");
      }
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    if (min < -1 - EPS || max > 1 + EPS) {
      throw new InputLayoutException(
          String.format(
              Locale.ROOT,
              "the real batch's values span [%g, %g]; the models take [-1, 1] (x / 127.5 - 1)",
              min,
              max));
    }
  }
}
