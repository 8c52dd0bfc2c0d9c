package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.atelier.trainers.model.R3ganGenerator;
import dev.atelier.trainers.model.R3ganShape;
import dev.atelier.trainers.model.StyleGan2Generator;
import dev.atelier.trainers.model.StyleGan2Shape;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sample step's inference leaves nothing behind: stylegan2's and r3gan's generators start
 * operations from a parameter's own array (the 4x4 constant, the modulated weights, the basis),
 * whose results belong to the manager of that array. With the parameters passed through as they are
 * that is the model's manager, which lives as long as the trial, so every grid and every metric
 * kept the whole forward pass (a 32 px stylegan2 trial at widths 32 grew ~1.3 GB per sample step
 * and was killed by the kernel, found by bench/curves.sh). {@link Inference} hands the blocks views
 * owned by its chunk's manager instead, as training does.
 */
class InferenceMemoryTest {
  private static final int LATENT = 8;
  private static final int COUNT = 6;

  @ParameterizedTest
  @ValueSource(strings = {"stylegan2", "r3gan"})
  void inferenceLeavesNoArraysInTheModelOrTheRoot(String family) {
    Block block =
        family.equals("stylegan2")
            ? new StyleGan2Generator(LATENT, LATENT, 2, new StyleGan2Shape(4, 32))
            : new R3ganGenerator(LATENT, new R3ganShape(4, 32, 1, 4));
    try (Network g = Network.create("g", block, new Shape(2, LATENT));
        NDManager root = NDManager.newBaseManager()) {
      float[] z = new float[COUNT * LATENT];
      Random r = new Random(7);
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) r.nextGaussian();
      }
      BaseNDManager model = (BaseNDManager) g.model.getNDManager();
      float[] first = Inference.generate(g, root, z, COUNT, LATENT, 32);
      int modelArrays = model.getManagedArrays().size();
      int rootArrays = ((BaseNDManager) root).getManagedArrays().size();
      float[] again = Inference.generate(g, root, z, COUNT, LATENT, 32);

      assertArrayEquals(first, again, "the same latents draw the same images");
      assertEquals(
          modelArrays, model.getManagedArrays().size(), "arrays left in the model's manager");
      assertEquals(
          rootArrays, ((BaseNDManager) root).getManagedArrays().size(), "arrays left in root");
    }
  }
}
