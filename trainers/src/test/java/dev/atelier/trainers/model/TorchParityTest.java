package dev.atelier.trainers.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.atelier.trainers.train.Network;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stylegan2 and r3gan blocks against their PyTorch eager references (bench/stylegan2_torch.py,
 * bench/r3gan_torch.py), without PyTorch: bench/torch_parity.sh wrote, per family at 32 and 64 px
 * and tiny widths, an npz of every parameter under the DJL block's own name (those that start flat
 * moved by random amounts, so biases, noise strengths, w_avg and the residual blocks' zero-started
 * last layers all count), the inputs, and the reference's outputs computed in float64. Each DJL
 * parameter is set by name (every one must be in the fixture, and every fixture parameter must be
 * used), G and D run forward in inference (stylegan2: no mixing, the fixed per-layer noise maps
 * that the reference draws from the same java.util.Random seeds), and the float32 outputs must be
 * within {@link #TOLERANCE} times the output's largest magnitude (at least 1) of the reference's. A
 * second case moves one parameter by 0.01 and expects the check to fail, so the tolerance is tight
 * enough to see a single layer go wrong.
 */
class TorchParityTest {
  /** Largest |DJL - PyTorch| allowed, relative to max(1, max |PyTorch output|). */
  static final double TOLERANCE = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"stylegan2-32", "stylegan2-64", "r3gan-32", "r3gan-64"})
  void forwardPassesMatchThePyTorchReference(String name) throws IOException {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Fixture f = Fixture.load(m, name);
      try (Outputs out = run(m, f, p -> {})) {
        assertClose(name + " G(z)", f.get("g_out"), out.g);
        assertClose(name + " D(x)", f.get("d_out"), out.d);
        if (out.gPsi != null) {
          assertClose(name + " G(z) at psi 0.7", f.get("g_out_psi"), out.gPsi);
        }
      }
    }
  }

  /** The check is not vacuous: one parameter of each network moved by 0.01 breaks it. */
  @ParameterizedTest
  @ValueSource(strings = {"stylegan2-32", "r3gan-32"})
  void aParameterMovedBy0Point01FailsTheCheck(String name) throws IOException {
    String gParam = name.startsWith("stylegan2") ? "b8_conv0_noise_strength" : "s8_b0_expand_bias";
    String dParam = name.startsWith("stylegan2") ? "b16_conv0_b" : "s16_b0_spatial_bias";
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Fixture f = Fixture.load(m, name);
      Consumer<Map<String, NDArray>> nudge =
          p -> {
            p.get("g." + gParam).addi(0.01f);
            p.get("d." + dParam).addi(0.01f);
          };
      try (Outputs out = run(m, f, nudge)) {
        double g = maxDiff(f.get("g_out"), out.g) / scale(f.get("g_out"));
        double d = maxDiff(f.get("d_out"), out.d) / scale(f.get("d_out"));
        assertTrue(g > 10 * TOLERANCE, name + ": G with " + gParam + " + 0.01 is off by " + g);
        assertTrue(d > 10 * TOLERANCE, name + ": D with " + dParam + " + 0.01 is off by " + d);
      }
    }
  }

  /**
   * The initialisation schemes match: every parameter the reference starts at a constant (zeros,
   * the affine biases' ones) starts at that constant here, and every random one (N(0, 1) constants
   * and bases, equalised weights at 1 / lr_mul, MSR weights at gain / sqrt(fan_in)) has its
   * standard deviation within 35% of the reference's draw (parameters of at least 64 entries; a
   * wrong fan-in or learning-rate multiplier is off by 2x or more at these widths).
   */
  @ParameterizedTest
  @ValueSource(strings = {"stylegan2-32", "stylegan2-64", "r3gan-32", "r3gan-64"})
  void initialisationMatchesThePyTorchReference(String name) throws IOException {
    Engine.getEngine("PyTorch").setRandomSeed(11);
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Fixture f = Fixture.load(m, name);
      Network[] nets = networks(f, f.get("z").getShape(), discriminatorInput(f).getShape());
      int compared = 0;
      try (Network g = nets[0];
          Network d = nets[1]) {
        for (Network net : nets) {
          String prefix = net == g ? "init.g." : "init.d.";
          for (Pair<String, Parameter> p : net.all) {
            float[] ref = f.get(prefix + p.getKey()).toFloatArray();
            float[] v = p.getValue().getArray().toFloatArray();
            String what = name + " " + prefix + p.getKey();
            if (ref[1] == 0) {
              for (float x : v) {
                assertEquals(ref[0], x, 0, what + " starts at the reference's constant");
              }
            } else if (v.length >= 64) {
              double std = std(v);
              assertTrue(
                  std > ref[1] / 1.35 && std < ref[1] * 1.35,
                  what + ": std " + std + ", reference " + ref[1]);
              compared++;
            } else {
              assertTrue(std(v) > 0, what + " is drawn at random, as the reference's");
            }
          }
        }
      }
      assertTrue(compared >= 10, name + ": only " + compared + " parameters compared");
    }
  }

  private static double std(float[] v) {
    double mean = 0;
    for (float x : v) {
      mean += x;
    }
    mean /= v.length;
    double ss = 0;
    for (float x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (v.length - 1));
  }

  private record Outputs(NDArray g, NDArray gPsi, NDArray d, Network gNet, Network dNet)
      implements AutoCloseable {
    @Override
    public void close() {
      gNet.close();
      dNet.close();
    }
  }

  private static Outputs run(NDManager m, Fixture f, Consumer<Map<String, NDArray>> nudge) {
    nudge.accept(f.arrays);
    NDArray z = f.get("z");
    NDArray x = discriminatorInput(f);
    Network[] nets = networks(f, z.getShape(), x.getShape());
    Network g = nets[0];
    Network d = nets[1];
    Set<String> used = new HashSet<>();
    load(g, "g.", f, used);
    load(d, "d.", f, used);
    Set<String> stored = new HashSet<>();
    for (String k : f.arrays.keySet()) {
      if (k.startsWith("g.") || k.startsWith("d.")) {
        stored.add(k);
      }
    }
    stored.removeAll(used);
    assertEquals(Set.of(), stored, f.name + ": fixture parameters the DJL blocks do not have");
    ParameterStore ps = new ParameterStore(m, false);
    NDArray gOut = g.block.forward(ps, new NDList(z), false).singletonOrThrow();
    NDArray gPsi = null;
    if (g.block instanceof StyleGan2Generator sg) {
      sg.truncation(0.7);
      gPsi = g.block.forward(ps, new NDList(z), false).singletonOrThrow();
      sg.truncation(1);
    }
    NDArray dOut = d.block.forward(ps, new NDList(x), false).singletonOrThrow();
    return new Outputs(gOut, gPsi, dOut, g, d);
  }

  private static NDArray discriminatorInput(Fixture f) {
    NDArray x = f.get("g_out");
    return f.arrays.containsKey("x_real") ? x.concat(f.get("x_real"), 0) : x;
  }

  /** G and D of the fixture's configuration, initialised as the trainer does. */
  private static Network[] networks(Fixture f, Shape gIn, Shape dIn) {
    float[] c = f.get("config").toFloatArray();
    int size = (int) c[0];
    int latent = (int) c[1];
    Block gBlock;
    Block dBlock;
    if (f.name.startsWith("stylegan2")) {
      gBlock =
          new StyleGan2Generator(
              latent, (int) c[2], (int) c[3], new StyleGan2Shape((int) c[4], size));
      dBlock = new StyleGan2Discriminator(new StyleGan2Shape((int) c[5], size));
    } else {
      gBlock = new R3ganGenerator(latent, new R3ganShape((int) c[2], size, (int) c[4], (int) c[5]));
      dBlock = new R3ganDiscriminator(new R3ganShape((int) c[3], size, (int) c[4], (int) c[5]));
    }
    return new Network[] {Network.create("g", gBlock, gIn), Network.create("d", dBlock, dIn)};
  }

  private static void load(Network net, String prefix, Fixture f, Set<String> used) {
    for (Pair<String, Parameter> p : net.all) {
      String key = prefix + p.getKey();
      NDArray value = f.arrays.get(key);
      assertNotNull(value, f.name + ": the fixture has no " + key);
      NDArray target = p.getValue().getArray();
      assertArrayEquals(
          target.getShape().getShape(), value.getShape().getShape(), f.name + ": shape of " + key);
      value.copyTo(target);
      used.add(key);
    }
  }

  private static void assertClose(String what, NDArray expected, NDArray actual) {
    assertEquals(expected.getShape(), actual.getShape(), what + ": shape");
    double diff = maxDiff(expected, actual);
    double scale = scale(expected);
    assertTrue(
        diff <= TOLERANCE * scale,
        what + ": max |DJL - PyTorch| " + diff + " > " + TOLERANCE + " x " + scale);
  }

  private static double maxDiff(NDArray a, NDArray b) {
    float[] x = a.toFloatArray();
    float[] y = b.toFloatArray();
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      max = Math.max(max, Math.abs((double) x[i] - y[i]));
    }
    return max;
  }

  private static double scale(NDArray a) {
    double max = 1;
    for (float v : a.toFloatArray()) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /** One npz of torch-parity/, its arrays by name. */
  private record Fixture(String name, Map<String, NDArray> arrays) {
    static Fixture load(NDManager m, String name) throws IOException {
      String path = "/torch-parity/" + name + ".npz";
      try (InputStream in = TorchParityTest.class.getResourceAsStream(path)) {
        assertNotNull(in, "no test resource " + path + " (bench/torch_parity.sh writes it)");
        NDList list = NDList.decode(m, in.readAllBytes());
        Map<String, NDArray> byName = new HashMap<>();
        for (NDArray a : list) {
          byName.put(a.getName(), a);
        }
        return new Fixture(name, byName);
      }
    }

    NDArray get(String key) {
      NDArray a = arrays.get(key);
      assertNotNull(a, name + ": the fixture has no " + key);
      return a;
    }
  }
}
