package dev.atelier.trainers.sr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.spec.SrTrialSpec;
import java.util.Arrays;

/**
 * Runs an SR generator in inference mode over host images, a few at a time (a 4x enlargement's
 * activations are 16x the input's), each chunk in its own sub-manager. Outputs are clamped to [-1,
 * 1], the range images are stored in.
 */
final class SrInference {
  private static final int CHUNK = 8;

  private SrInference() {}

  /** {@code count} CHW images of h x w in, {@code count} of 4h x 4w out. */
  static float[] upscale(Block g, NDManager root, float[] lr, int count, int h, int w) {
    int f = SrTrialSpec.SCALE;
    int inLen = 3 * h * w;
    int outLen = inLen * f * f;
    float[] out = new float[count * outLen];
    for (int from = 0; from < count; from += CHUNK) {
      int n = Math.min(CHUNK, count - from);
      try (NDManager sm = root.newSubManager()) {
        NDArray x =
            sm.create(
                Arrays.copyOfRange(lr, from * inLen, (from + n) * inLen), new Shape(n, 3, h, w));
        NDArray y =
            g.forward(new ParameterStore(sm, false), new NDList(x), false).singletonOrThrow();
        System.arraycopy(y.clip(-1, 1).toFloatArray(), 0, out, from * outLen, n * outLen);
      }
    }
    return out;
  }
}
