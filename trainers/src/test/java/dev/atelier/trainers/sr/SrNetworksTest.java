package dev.atelier.trainers.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.train.Network;
import org.junit.jupiter.api.Test;

class SrNetworksTest {
  @Test
  void theGeneratorEnlargesAnyInputFourTimesAndStartsNearNearestNeighbour() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network g =
            Network.create("generator", SrNetworks.generator(8, 2), new Shape(1, 3, 8, 8))) {
      ParameterStore ps = new ParameterStore(m, false);
      NDArray square = m.randomUniform(-1, 1, new Shape(2, 3, 8, 8));
      NDArray out = g.block.forward(ps, new NDList(square), false).singletonOrThrow();
      assertEquals(new Shape(2, 3, 32, 32), out.getShape());
      NDArray wide = m.randomUniform(-1, 1, new Shape(1, 3, 5, 12));
      assertEquals(
          new Shape(1, 3, 20, 48),
          g.block.forward(ps, new NDList(wide), false).singletonOrThrow().getShape());
      // The learned part starts near zero: the output is close to the nearest-neighbour baseline.
      float[] near = Resampling.nearestUp(square, 4).toFloatArray();
      assertTrue(Psnr.mean(out.toFloatArray(), near, 2, 3 * 32 * 32) > 25);
    }
  }

  @Test
  void theDiscriminatorGivesOneLogitPerImageAtAnySize() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network d =
            Network.create("discriminator", SrNetworks.discriminator(4), new Shape(1, 3, 32, 32))) {
      ParameterStore ps = new ParameterStore(m, false);
      for (int size : new int[] {16, 32, 64}) {
        NDArray x = m.zeros(new Shape(3, 3, size, size));
        assertEquals(
            new Shape(3, 1),
            d.block.forward(ps, new NDList(x), false).singletonOrThrow().getShape());
      }
    }
  }

  @Test
  void pixelShuffleMovesChannelPhasesToPixelsAsPyTorchDoes() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      // (1, 8, 2, 3): value = channel * 100 + row * 10 + column
      float[] v = new float[8 * 2 * 3];
      for (int c = 0; c < 8; c++) {
        for (int y = 0; y < 2; y++) {
          for (int x = 0; x < 3; x++) {
            v[c * 6 + y * 3 + x] = c * 100 + y * 10 + x;
          }
        }
      }
      NDArray out = Resampling.pixelShuffle2(m.create(v, new Shape(1, 8, 2, 3)));
      assertEquals(new Shape(1, 2, 4, 6), out.getShape());
      // torch.nn.PixelShuffle(2): out[c, 2y + i, 2x + j] = in[4c + 2i + j, y, x]
      for (int c = 0; c < 2; c++) {
        for (int oy = 0; oy < 4; oy++) {
          for (int ox = 0; ox < 6; ox++) {
            int in = 4 * c + 2 * (oy % 2) + ox % 2;
            float expected = in * 100 + (oy / 2) * 10 + ox / 2;
            assertEquals(expected, out.getFloat(0, c, oy, ox), 0, "at " + c + "," + oy + "," + ox);
          }
        }
      }
    }
  }

  @Test
  void engineAndHostResamplingAgree() {
    ImageDataset data = SmoothImages.dataset(3, 16, 5);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray x = m.create(data.pixels(), new Shape(3, 3, 16, 16));
      float[] down = HostResampling.areaDown(data.pixels(), 3, 16, 4);
      assertArrayEquals(Resampling.areaDown(x, 4).toFloatArray(), down, 1e-6f);
      // The mean of each 4x4 block: check one by hand.
      float sum = 0;
      for (int y = 4; y < 8; y++) {
        for (int xx = 8; xx < 12; xx++) {
          sum += data.pixels()[16 * 16 + y * 16 + xx]; // image 0, green channel
        }
      }
      assertEquals(sum / 16, down[16 + 4 + 2], 1e-6f);
      NDArray small = m.create(down, new Shape(3, 3, 4, 4));
      assertArrayEquals(
          Resampling.nearestUp(small, 4).toFloatArray(),
          HostResampling.nearestUp(down, 3, 4, 4, 4),
          0f);
    }
  }
}
