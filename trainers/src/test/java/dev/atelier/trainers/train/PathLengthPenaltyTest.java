package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.model.CollectedBuffers;
import dev.atelier.trainers.model.StyleGan2Generator;
import dev.atelier.trainers.model.StyleGan2Shape;
import dev.atelier.trainers.model.StyleGradientTape;
import dev.atelier.trainers.train.loss.PathLengthPenalty;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * stylegan2's path-length penalty in float64: the explicit J_wᵀ y is autograd's gradient of
 * sum(G(ws) · y) in ws; the penalty's value is the reference's formula on that gradient; and its
 * gradients in G's parameters, from one ordinary backward pass, are central finite differences of
 * its value.
 */
class PathLengthPenaltyTest {
  private static final int LATENT = 4;
  private static final Shape Z = new Shape(4, LATENT);

  /** A float64 generator, widths 4, w of 4, its noise strengths switched on. */
  private static Network generator(int size) {
    Network g =
        Network.create(
            "g",
            new StyleGan2Generator(LATENT, 4, 2, new StyleGan2Shape(4, size)),
            Z,
            DataType.FLOAT64);
    g.all.stream()
        .filter(p -> p.getKey().contains("noise_strength"))
        .forEach(p -> p.getValue().getArray().addi(0.5));
    return g;
  }

  private static NDArray latents(NDManager m, long seed) {
    Random r = new Random(seed);
    double[] z = new double[(int) Z.size()];
    for (int i = 0; i < z.length; i++) {
      z[i] = r.nextGaussian();
    }
    return m.create(z, Z);
  }

  /** The random directions as {@link PathLengthPenalty} draws them, after the noise. */
  private static NDArray directions(NDManager m, Random r, Shape s) {
    float[] y = new float[(int) s.size()];
    float scale = (float) (1 / Math.sqrt(s.get(2) * s.get(3)));
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) r.nextGaussian() * scale;
    }
    return m.create(y, s).toType(DataType.FLOAT64, true);
  }

  /**
   * At 32 and 64 px (a channel change), with mixed styles (every layer its own w) and random noise:
   * the same images as the ordinary synthesis and the same ws gradient as autograd's.
   */
  @Test
  void theExplicitStyleGradientIsAutogradsAtTwoSizes() {
    for (int size : new int[] {32, 64}) {
      Engine.getEngine("PyTorch").setRandomSeed(11);
      try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
          Network g = generator(size)) {
        StyleGan2Generator sg = (StyleGan2Generator) g.block;
        ParameterStore ps = new ParameterStore(m, false);
        NDArray ws = m.randomNormal(0, 1, new Shape(2, sg.numWs(), 4), DataType.FLOAT64);
        StyleGradientTape tape = sg.synthesisWithStyleGradient(ps, ws, new Random(3));
        NDArray y = directions(m, new Random(4), tape.images().getShape());
        double[] explicit = tape.styleGradient(y).toDoubleArray();
        ws.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDArray images = sg.synthesis(ps, ws, true, new Random(3));
          assertArrayEquals(images.toDoubleArray(), tape.images().toDoubleArray(), 1e-9);
          gc.backward(images.mul(y).sum());
          double[] expected = ws.getGradient().toDoubleArray();
          double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
          assertTrue(scale > 1e-3, size + ": gradients of size " + scale);
          assertArrayEquals(expected, explicit, 1e-9 * scale, size + "x" + size);
        }
      }
    }
  }

  /**
   * The value: with L the lengths of autograd's J_wᵀ y (the same mixing, noise and y), a = 0.99 ·
   * 0.5 + 0.01 · mean L, the loss is 2 · mean((L − a)²), and G's term 4 times that.
   */
  @Test
  void itsValueIsTheReferenceFormulaOnAutogradsGradient() {
    Engine.getEngine("PyTorch").setRandomSeed(12);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network g = generator(32)) {
      StyleGan2Generator sg = (StyleGan2Generator) g.block;
      ParameterStore ps = new ParameterStore(m, false);
      NDArray z = latents(m, 1);
      PathLengthPenalty.Terms t =
          new PathLengthPenalty(2, 4, 0.5f).penalty(sg, ps, z, new Random(7));
      // The same draws in the same order: mixing, noise, directions; on the first half of z.
      Random r = new Random(7);
      NDArray ws = sg.styles(ps, z.get("0:2"), 1, true, r, false).stopGradient();
      ws.setRequiresGradient(true);
      double[] grads;
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray images = sg.synthesis(ps, ws, true, r);
        gc.backward(images.mul(directions(m, r, images.getShape())).sum());
        grads = ws.getGradient().toDoubleArray();
      }
      int perImage = sg.numWs() * 4;
      double[] lengths = new double[2];
      for (int i = 0; i < 2; i++) {
        double sum = 0;
        for (int k = 0; k < perImage; k++) {
          sum += grads[i * perImage + k] * grads[i * perImage + k];
        }
        lengths[i] = Math.sqrt(sum / sg.numWs());
      }
      double a = 0.5 + 0.01 * ((lengths[0] + lengths[1]) / 2 - 0.5);
      double loss = 2 * (Math.pow(lengths[0] - a, 2) + Math.pow(lengths[1] - a, 2)) / 2;
      assertArrayEquals(lengths, t.lengths().toDoubleArray(), 1e-9 * lengths[0]);
      assertEquals(a, t.mean().getDouble(), 1e-9 * a);
      assertEquals(loss, t.loss().getDouble(), 1e-9 * loss);
      assertEquals(4 * loss, t.scaled().getDouble(), 4e-9 * loss);
      assertTrue(loss > 1e-3, "a penalty that says something: " + loss);
    }
  }

  /**
   * d penalty / d parameter from the one backward pass equals (p(θ + h) − p(θ − h)) / 2h for three
   * entries of every parameter of G (mapping, affine layers, convolutions, noise strengths, biases,
   * the constant), skipping an entry where a LeakyReLU input crosses zero within h.
   */
  @Test
  void itsParameterGradientsMatchFiniteDifferences() {
    Engine.getEngine("PyTorch").setRandomSeed(13);
    try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network g = generator(32)) {
      StyleGan2Generator sg = (StyleGan2Generator) g.block;
      List<double[]> exact;
      double base;
      try (NDManager sm = root.newSubManager();
          GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        StepParameters leaves = StepParameters.trainable(g, sm);
        NDArray p = penalty(sg, leaves, latents(sm, 2));
        base = p.getDouble();
        gc.backward(p);
        exact =
            leaves.gradients().stream()
                .map(x -> x.toType(DataType.FLOAT64, false).toDoubleArray())
                .toList();
      }
      assertTrue(base > 1e-3, "penalty " + base);
      double h = 1e-6;
      int checked = 0;
      int kinks = 0;
      int moved = 0;
      for (int i = 0; i < g.trainable.size(); i++) {
        NDArray w = g.trainable.get(i).getValue().getArray();
        double[] values = w.toDoubleArray();
        for (int k : new int[] {0, values.length / 2, values.length - 1}) {
          double saved = values[k];
          values[k] = saved + h;
          w.set(DoubleBuffer.wrap(values));
          double plus = value(root, g, sg);
          values[k] = saved - h;
          w.set(DoubleBuffer.wrap(values));
          double minus = value(root, g, sg);
          values[k] = saved;
          w.set(DoubleBuffer.wrap(values));
          double numeric = (plus - minus) / (2 * h);
          double forward = (plus - base) / h;
          double backward = (base - minus) / h;
          if (Math.abs(forward - backward) > 1e-3 * Math.abs(numeric) + 1e-6) {
            kinks++;
            continue;
          }
          String name = g.trainable.get(i).getKey() + "[" + k + "]";
          assertEquals(numeric, exact.get(i)[k], 1e-8 + 1e-4 * Math.abs(numeric), name);
          checked++;
          if (Math.abs(numeric) > 1e-6) {
            moved++;
          }
        }
      }
      System.out.println(
          "path length FD: " + checked + " checked, " + kinks + " kinks, " + moved + " non-zero");
      assertTrue(checked >= 100 && kinks <= checked / 4, checked + " checked, " + kinks + " kinks");
      assertTrue(moved >= checked / 2, moved + " of " + checked + " gradients are not zero");
    }
  }

  private static NDArray penalty(StyleGan2Generator sg, ParameterStore ps, NDArray z) {
    return new PathLengthPenalty(2, 4, 0.5f).penalty(sg, ps, z, new Random(7)).scaled();
  }

  private static double value(NDManager root, Network g, StyleGan2Generator sg) {
    try (NDManager sm = root.newSubManager()) {
      return penalty(sg, StepParameters.frozen(g, sm), latents(sm, 2)).getDouble();
    }
  }

  /**
   * In float32, as training runs it, a garbage collection between the penalty's forward and
   * backward passes changes nothing: the random directions y, which the backward reads, are in
   * memory the engine owns (an array made from Java floats lies over a Java buffer that a
   * collection frees; it gave a NaN penalty now and then in a benchmark before).
   */
  @Test
  void aCollectionBetweenForwardAndBackwardLeavesTheGradientsAlone() throws Exception {
    Engine.getEngine("PyTorch").setRandomSeed(14);
    try (NDManager root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Network g =
            Network.create(
                "g", new StyleGan2Generator(LATENT, 4, 2, new StyleGan2Shape(4, 32)), Z)) {
      float[] quiet = gradientsOf(root, g, false);
      float[] collected = gradientsOf(root, g, true);
      assertTrue(Float.isFinite(quiet[0]), Arrays.toString(Arrays.copyOf(quiet, 4)));
      assertArrayEquals(quiet, collected, 0f);
    }
  }

  private static float[] gradientsOf(NDManager root, Network g, boolean collect) throws Exception {
    try (NDManager sm = root.newSubManager();
        GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      StepParameters leaves = StepParameters.trainable(g, sm);
      NDArray z = latents(sm, 3).toType(DataType.FLOAT32, false);
      long before = CollectedBuffers.count();
      NDArray p = penalty((StyleGan2Generator) g.block, leaves, z);
      if (collect) {
        CollectedBuffers.freeDownTo(before);
        // Reuse what was freed, as the next allocations of a training step would.
        for (int i = 0; i < 64; i++) {
          java.nio.ByteBuffer.allocateDirect(4096).asFloatBuffer().put(0, Float.NaN);
        }
      }
      gc.backward(p);
      float[] all = new float[0];
      for (NDArray x : leaves.gradients()) {
        float[] v = x.toFloatArray();
        float[] joined = Arrays.copyOf(all, all.length + v.length);
        System.arraycopy(v, 0, joined, all.length, v.length);
        all = joined;
      }
      return all;
    }
  }
}
