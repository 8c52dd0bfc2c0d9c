package dev.atelier.trainers.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.atelier.trainers.train.Network;
import dev.atelier.trainers.train.StepParameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * progan's parameter gradients do not change when the JVM collects garbage between the forward and
 * the backward pass, as it may at any moment of a training step. They did, through the constants of
 * the equalised learning rate and the fade (see {@link Scalars}): 3 of 12 600-step runs with
 * jemalloc and 4 of 8 with glibc's allocator ended with a NaN.
 */
class ProGanBackwardTest {
  private static final int SIZE = 16;
  private static final int START = 8;

  /** Every parameter's gradient of sum(net(x)), flattened in the network's order. */
  private static List<float[]> gradients(Network net, NDArray x, boolean collectBetween)
      throws Exception {
    try (NDManager sm = x.getManager().newSubManager()) {
      StepParameters leaves = StepParameters.trainable(net, sm);
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        long before = CollectedBuffers.count();
        NDArray out = net.block.forward(leaves, new NDList(x), true).singletonOrThrow();
        if (collectBetween) {
          CollectedBuffers.freeDownTo(before);
        }
        gc.backward(out.sum());
      }
      List<float[]> grads = new ArrayList<>();
      for (NDArray g : leaves.gradients()) {
        grads.add(g.toFloatArray());
      }
      return grads;
    }
  }

  private static void assertSameGradients(Network net, NDArray x) throws Exception {
    List<float[]> straight = gradients(net, x, false);
    List<float[]> collected = gradients(net, x, true);
    for (int i = 0; i < straight.size(); i++) {
      assertArrayEquals(straight.get(i), collected.get(i), 1e-5f, net.trainable.get(i).getKey());
    }
  }

  @Test
  void discriminatorGradientsSurviveAGarbageCollectionMidFade() throws Exception {
    GrowthStage stage = new GrowthStage();
    Engine.getEngine("PyTorch").setRandomSeed(3);
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        Network d =
            Network.create(
                "d", new ProGanDiscriminator(4, SIZE, START, stage), new Shape(2, 3, SIZE, SIZE))) {
      stage.set(1, 0.5);
      assertSameGradients(d, m.randomNormal(new Shape(2, 3, SIZE, SIZE)));
    }
  }

  @Test
  void generatorGradientsSurviveAGarbageCollectionMidFade() throws Exception {
    GrowthStage stage = new GrowthStage();
    Engine.getEngine("PyTorch").setRandomSeed(3);
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        Network g =
            Network.create("g", new ProGanGenerator(8, 4, SIZE, START, stage), new Shape(2, 8))) {
      stage.set(1, 0.5);
      assertSameGradients(g, m.randomNormal(new Shape(2, 8)));
    }
  }
}
