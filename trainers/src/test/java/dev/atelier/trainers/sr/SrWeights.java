package dev.atelier.trainers.sr;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.atelier.trainers.spec.SrHyperparams;
import dev.atelier.trainers.train.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A saved SR generator's weights, flattened in the block's parameter order. */
final class SrWeights {
  private SrWeights() {}

  /**
   * {@code name}-0000.params in {@code dir}, or a freshly initialised G when {@code dir} is null.
   */
  static float[] of(Path dir, String name, SrHyperparams hp, int inputSize) throws Exception {
    try (Network g =
        Network.create(
            "generator",
            SrNetworks.generator(hp.gWidth(), hp.residualBlocks()),
            new Shape(1, 3, inputSize, inputSize))) {
      if (dir != null) {
        g.model.load(dir, name);
      }
      List<float[]> parts = new ArrayList<>();
      int n = 0;
      for (Pair<String, Parameter> p : g.all) {
        float[] v = p.getValue().getArray().toFloatArray();
        parts.add(v);
        n += v.length;
      }
      float[] all = new float[n];
      int at = 0;
      for (float[] v : parts) {
        System.arraycopy(v, 0, all, at, v.length);
        at += v.length;
      }
      return all;
    }
  }
}
