package dev.atelier.trainers.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.junit.jupiter.api.Test;

/**
 * r3gan's resamplers against R3GAN's reference definitions ({@code InterpolativeUpsamplerReference}
 * and {@code InterpolativeDownsamplerReference}): the [1, 3, 3, 1]ᵀ[1, 3, 3, 1] / 64 filter as a
 * stride-2 convolution with padding 1, and as its transpose with gain 4 (written as the strided
 * convolution's input gradient, {@link CriticGradient}, since DJL's engine has no transposed
 * convolution); and on an impulse, by hand.
 */
class R3ganLayersTest {
  private static NDArray kernel(NDManager m, float gain) {
    float[] taps = {1, 3, 3, 1};
    double[] k = new double[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        k[i * 4 + j] = gain * taps[i] * taps[j] / 64.0;
      }
    }
    return m.create(k, new Shape(1, 1, 4, 4));
  }

  @Test
  void theResamplersAreR3gansReferenceOnesAndOneIsFourTimesTheOthersTranspose() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 8, 6), DataType.FLOAT64);
      NDArray flat = x.reshape(6, 1, 8, 6);
      NDArray up =
          CriticGradient.transposed(
                  flat, kernel(m, 4), new Shape(2, 2), new Shape(1, 1), new Shape(6, 1, 16, 12))
              .reshape(2, 3, 16, 12);
      assertArrayEquals(up.toDoubleArray(), R3ganLayers.upsample(x).toDoubleArray(), 1e-12);
      NDArray down =
          Conv2d.conv2d(flat, kernel(m, 1), null, new Shape(2, 2), new Shape(1, 1))
              .singletonOrThrow()
              .reshape(2, 3, 4, 3);
      assertArrayEquals(
          down.toDoubleArray(), R3ganLayers.downsample(x, null).toDoubleArray(), 1e-12);
    }
  }

  @Test
  void anImpulseSpreadsAsTheFilterSays() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray one = m.create(new float[] {1, 0, 0, 0}, new Shape(1, 1, 2, 2));
      // Per axis [0.75, 0.75, 0.25, 0]: the outer product.
      float[] a = {0.75f, 0.75f, 0.25f, 0};
      float[] expected = new float[16];
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          expected[i * 4 + j] = a[i] * a[j];
        }
      }
      assertArrayEquals(expected, R3ganLayers.upsample(one).toFloatArray(), 1e-7f);
      float[] pixel = new float[16];
      pixel[5] = 1; // (1, 1): per axis 3/8 to output 0 and 1/8 to output 1
      NDArray x = m.create(pixel, new Shape(1, 1, 4, 4));
      float[] b = {3 / 8f, 1 / 8f};
      assertArrayEquals(
          new float[] {b[0] * b[0], b[0] * b[1], b[1] * b[0], b[1] * b[1]},
          R3ganLayers.downsample(x, null).toFloatArray(),
          1e-7f);
    }
  }
}
