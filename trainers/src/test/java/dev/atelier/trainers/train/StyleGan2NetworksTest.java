package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.model.CriticGradient;
import dev.atelier.trainers.model.StyleGan2Discriminator;
import dev.atelier.trainers.model.StyleGan2Generator;
import dev.atelier.trainers.model.StyleGan2Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * stylegan2's layers against hand-computed numbers and autograd: the modulated and demodulated
 * convolution, truncation at psi 0, the mapping's running mean w, and the discriminator's explicit
 * input gradient (minibatch standard deviation included) that lazy R1 differentiates.
 */
class StyleGan2NetworksTest {
  /**
   * Two images, two channels, a 1x1 kernel w = [[1, 2], [3, 4]]. Image 0 (x = [1, 1], styles [2,
   * 0.5]): the kernel becomes [[2, 1], [6, 2]], rows of norm sqrt(5) and sqrt(40), so the output is
   * [3 / sqrt(5), 8 / sqrt(40)] demodulated and [3, 8] without. Image 1 (x = [1, -1], styles [1,
   * 1]): [-1 / sqrt(5), -1 / 5] and [-1, -1].
   */
  @Test
  void modulationAndDemodulationMatchAHandComputedCase() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray w = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2, 1, 1));
      NDArray styles = m.create(new float[] {2, 0.5f, 1, 1}, new Shape(2, 2));
      // Each image 2x2 pixels, all the same, so every pixel checks the same numbers.
      float[] x = new float[16];
      Arrays.fill(x, 0, 8, 1f);
      Arrays.fill(x, 8, 12, 1f);
      Arrays.fill(x, 12, 16, -1f);
      NDArray in = m.create(x, new Shape(2, 2, 2, 2));
      float[] demod = StyleGan2Generator.modulatedConv(in, w, styles, true).toFloatArray();
      float[] plain = StyleGan2Generator.modulatedConv(in, w, styles, false).toFloatArray();
      float[] e = {
        (float) (3 / Math.sqrt(5)), (float) (8 / Math.sqrt(40)), (float) (-1 / Math.sqrt(5)), -0.2f
      };
      float[] p = {3, 8, -1, -1};
      for (int img = 0; img < 2; img++) {
        for (int c = 0; c < 2; c++) {
          for (int px = 0; px < 4; px++) {
            int i = img * 8 + c * 4 + px;
            assertEquals(e[img * 2 + c], demod[i], 1e-5, "demodulated image " + img + " ch " + c);
            assertEquals(p[img * 2 + c], plain[i], 1e-5, "modulated image " + img + " ch " + c);
          }
        }
      }
    }
  }

  private static Network generator() {
    return Network.create(
        "g", new StyleGan2Generator(8, 8, 2, new StyleGan2Shape(8, 32)), new Shape(4, 8));
  }

  /**
   * A sample step draws the grid and the style-mixing sheet through a parameter store without
   * copies; nothing it computes may stay in the model's manager (the per-sample modulated weights
   * once did: ~1 GB kept per sample step at 32 px). Counted as the model manager's arrays before
   * and after two sheets and a synthesis in a closed sub-manager.
   */
  @Test
  void drawingLeavesNoArrayInTheModelsManager() {
    try (Network g = generator()) {
      StyleGan2Generator sg = (StyleGan2Generator) g.block;
      NDManager root = g.model.getNDManager();
      int before = root.getManagedArrays().size();
      StyleMixingSheet.tiles(sg, root, 1234, 0.7, 32);
      StyleMixingSheet.tiles(sg, root, 1234, 1, 32);
      try (NDManager sm = root.newSubManager()) {
        ParameterStore ps = new ParameterStore(sm, false);
        NDArray w = sg.mapping(ps, sm.randomNormal(new Shape(3, 8)), 1, false, false);
        sg.synthesis(ps, w.expandDims(1).repeat(1, sg.numWs()), false, null).toFloatArray();
      }
      assertEquals(before, root.getManagedArrays().size(), "arrays left in the model's manager");
    }
  }

  /** At psi 0 every latent maps to w_avg: every image is the mean w's, whatever z. */
  @Test
  void truncationAtZeroDrawsTheMeanWsImageForEveryLatent() {
    Engine.getEngine("PyTorch").setRandomSeed(3);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network g = generator()) {
      StyleGan2Generator sg = (StyleGan2Generator) g.block;
      // A w_avg away from zero, as training leaves it.
      NDArray avg =
          g.all.stream()
              .filter(p -> p.getKey().equals("w_avg"))
              .findFirst()
              .orElseThrow()
              .getValue()
              .getArray();
      m.randomNormal(new Shape(8)).copyTo(avg);
      NDArray z = m.randomNormal(new Shape(4, 8));
      ParameterStore ps = new ParameterStore(m, false);
      float[] free = g.block.forward(ps, new NDList(z), false).singletonOrThrow().toFloatArray();
      sg.truncation(0);
      float[] truncated =
          g.block.forward(ps, new NDList(z), false).singletonOrThrow().toFloatArray();
      NDArray ws = avg.expandDims(0).expandDims(0).repeat(1, sg.numWs());
      float[] meanImage = sg.synthesis(ps, ws, false, null).toFloatArray();
      int len = 3 * 32 * 32;
      double spread = 0;
      for (int i = 0; i < 4; i++) {
        float[] one = Arrays.copyOfRange(truncated, i * len, (i + 1) * len);
        assertArrayEquals(meanImage, one, 1e-5f, "image " + i + " at psi 0");
        for (int k = 0; k < len; k++) {
          spread += Math.abs(free[i * len + k] - free[k]);
        }
      }
      assertTrue(spread > 1, "without truncation the latents draw different images: " + spread);
    }
  }

  /** Training moves w_avg 0.5% of the way to the batch's mean w; inference leaves it. */
  @Test
  void theMappingTracksItsMeanWInTrainingOnly() {
    Engine.getEngine("PyTorch").setRandomSeed(4);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network g = generator()) {
      StyleGan2Generator sg = (StyleGan2Generator) g.block;
      NDArray avg =
          g.all.stream()
              .filter(p -> p.getKey().equals("w_avg"))
              .findFirst()
              .orElseThrow()
              .getValue()
              .getArray();
      NDArray z = m.randomNormal(new Shape(4, 8));
      ParameterStore ps = new ParameterStore(m, false);
      float[] w = sg.mapping(ps, z, 1, false, false).mean(new int[] {0}).toFloatArray();
      sg.mapping(ps, z, 1, false, false);
      assertArrayEquals(new float[8], avg.toFloatArray(), 0f);
      sg.draws(new Random(1));
      g.block.forward(ps, new NDList(z), true);
      float[] after = avg.toFloatArray();
      for (int i = 0; i < 8; i++) {
        assertEquals(0.005 * w[i], after[i], 1e-6, "w_avg[" + i + "]");
      }
    }
  }

  /**
   * Style mixing follows {@code style_mixing}: at 0 a training pass is the synthesis of the one
   * latent's w (after the mixing coin, the same noise draws); at 1 the second latent changes it.
   */
  @Test
  void styleMixingFollowsItsProbability() {
    Engine.getEngine("PyTorch").setRandomSeed(6);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network g = generator()) {
      StyleGan2Generator sg = (StyleGan2Generator) g.block;
      // Noise strengths away from 0, so the noise draws show too.
      g.all.stream()
          .filter(p -> p.getKey().contains("noise_strength"))
          .forEach(p -> p.getValue().getArray().addi(0.5f));
      NDArray z = m.randomNormal(new Shape(4, 8));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray w = sg.mapping(ps, z, 1, false, false);
      Random after = new Random(5);
      after.nextDouble();
      float[] plain =
          sg.synthesis(ps, w.expandDims(1).repeat(1, sg.numWs()), false, after).toFloatArray();
      sg.styleMixing(0);
      sg.draws(new Random(5));
      float[] unmixed = g.block.forward(ps, new NDList(z), true).singletonOrThrow().toFloatArray();
      assertArrayEquals(plain, unmixed, 1e-5f);
      sg.styleMixing(1);
      sg.draws(new Random(5));
      float[] mixed = g.block.forward(ps, new NDList(z), true).singletonOrThrow().toFloatArray();
      double diff = 0;
      for (int i = 0; i < mixed.length; i++) {
        diff += Math.abs(mixed[i] - plain[i]);
      }
      assertTrue(diff > 1, "mixing in a second latent changes the images: " + diff);
    }
  }

  /**
   * The discriminator's explicit input gradient is autograd's, at 32 and 64 (a channel change),
   * with a batch of 8 (two minibatch-stddev groups of 4).
   */
  @Test
  void theDiscriminatorsExplicitInputGradientIsAutogradsMinibatchStddevIncluded() {
    for (int s : new int[] {32, 64}) {
      Shape shape = new Shape(8, 3, s, s);
      Engine.getEngine("PyTorch").setRandomSeed(5);
      try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
          Network d =
              Network.create(
                  "d",
                  new StyleGan2Discriminator(new StyleGan2Shape(4, s)),
                  shape,
                  DataType.FLOAT64)) {
        NDArray x = root.randomUniform(-1, 1, shape, DataType.FLOAT64);
        ParameterStore ps = new ParameterStore(root, false);
        CriticGradient.Result explicit = CriticGradient.of(d.block, ps, x);
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDArray out = d.block.forward(ps, new NDList(x), true).singletonOrThrow();
          gc.backward(out.sum());
          assertArrayEquals(out.toDoubleArray(), explicit.output().toDoubleArray(), 1e-9);
          double[] expected = x.getGradient().toDoubleArray();
          double[] actual = explicit.inputGradient().toDoubleArray();
          double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
          assertTrue(scale > 1e-4, s + ": gradients of size " + scale);
          assertArrayEquals(expected, actual, scale * 1e-9, s + "x" + s);
        }
      }
    }
  }

  /** Minibatch stddev on its own: 4 identical images have the feature sqrt(0 + 1e-8) = 1e-4. */
  @Test
  void minibatchStddevOfIdenticalImagesIsItsEpsilonsRoot() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray one = m.randomNormal(new Shape(1, 2, 4, 4));
      NDArray x = one.repeat(0, 4);
      NDArray out = StyleGan2Discriminator.minibatchStd(x);
      assertEquals(new Shape(4, 3, 4, 4), out.getShape());
      for (float v : out.get(":, 2").toFloatArray()) {
        assertEquals(1e-4, v, 1e-6);
      }
    }
  }
}
