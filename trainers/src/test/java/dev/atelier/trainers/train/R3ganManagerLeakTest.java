package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.model.R3ganDiscriminator;
import dev.atelier.trainers.model.R3ganGenerator;
import dev.atelier.trainers.model.R3ganShape;
import org.junit.jupiter.api.Test;

/**
 * r3gan's G and D, run as a sample step runs them (a parameter store without copies, a closed
 * sub-manager), leave no array in their model's manager (see {@code model/ParameterViews}).
 */
class R3ganManagerLeakTest {
  @Test
  void forwardPassesLeaveNoArrayInTheModelsManager() {
    try (Network g =
            Network.create(
                "g", new R3ganGenerator(8, new R3ganShape(8, 32, 1, 4)), new Shape(4, 8));
        Network d =
            Network.create(
                "d",
                new R3ganDiscriminator(new R3ganShape(8, 32, 1, 4)),
                new Shape(4, 3, 32, 32))) {
      NDManager gRoot = g.model.getNDManager();
      NDManager dRoot = d.model.getNDManager();
      int gBefore = gRoot.getManagedArrays().size();
      int dBefore = dRoot.getManagedArrays().size();
      for (int i = 0; i < 2; i++) {
        try (NDManager sm = gRoot.newSubManager()) {
          NDList images =
              g.block.forward(
                  new ParameterStore(sm, false),
                  new NDList(sm.randomNormal(new Shape(6, 8))),
                  false);
          d.block.forward(new ParameterStore(sm, false), images, false).singletonOrThrow().sum();
        }
      }
      assertEquals(gBefore, gRoot.getManagedArrays().size(), "arrays left in G's manager");
      assertEquals(dBefore, dRoot.getManagedArrays().size(), "arrays left in D's manager");
    }
  }
}
