package dev.atelier.trainers.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.atelier.trainers.spec.ModelKind;
import org.junit.jupiter.api.Test;

class DcganTest {
  /** The unconditional DCGAN sizes (conditional and progressive kinds have their own tests). */
  private static final java.util.List<ModelKind> DCGANS =
      java.util.List.of(ModelKind.DCGAN32, ModelKind.DCGAN64, ModelKind.DCGAN128);

  @Test
  void upsamplingCopiesEachPixelIntoATwoByTwoBlock() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray x = m.arange(4f).reshape(1, 1, 2, 2);
      NDArray y =
          NearestUpsample.block()
              .forward(new ParameterStore(m, false), new NDList(x), false)
              .singletonOrThrow();
      assertEquals(new Shape(1, 1, 4, 4), y.getShape());
      assertArrayEquals(
          new float[] {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3}, y.toFloatArray());
    }
  }

  @Test
  void eachSizeAddsOneBlockToEachNetwork() {
    // Stride-2 convolutions in D, upsampling stages in G: 3, 4, 5 for 32, 64, 128.
    assertEquals(3, Dcgan.stages(ModelKind.DCGAN32));
    assertEquals(4, Dcgan.stages(ModelKind.DCGAN64));
    assertEquals(5, Dcgan.stages(ModelKind.DCGAN128));
    assertEquals(
        Dcgan.discriminator(ModelKind.DCGAN64, 4).getChildren().size() + 3,
        Dcgan.discriminator(ModelKind.DCGAN128, 4).getChildren().size());
    assertEquals(
        Dcgan.generator(ModelKind.DCGAN64, 8, 4).getChildren().size() + 3,
        Dcgan.generator(ModelKind.DCGAN128, 8, 4).getChildren().size());
  }

  @Test
  void aPenalisedDiscriminatorHasNoBatchNorm() {
    assertTrue(
        Dcgan.discriminator(ModelKind.DCGAN32, 4).getChildren().values().stream()
            .anyMatch(b -> b instanceof BatchNorm));
    assertTrue(
        Dcgan.discriminator(ModelKind.DCGAN32, 4, false).getChildren().values().stream()
            .noneMatch(b -> b instanceof BatchNorm));
  }

  @Test
  void everySizeMapsLatentsToImagesAndImagesToOneLogit() {
    for (ModelKind kind : DCGANS) {
      try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
        int s = kind.imageSize();
        Block g = Dcgan.generator(kind, 8, 4);
        g.initialize(m, DataType.FLOAT32, new Shape(2, 8));
        Block d = Dcgan.discriminator(kind, 4);
        d.initialize(m, DataType.FLOAT32, new Shape(2, 3, s, s));
        ParameterStore ps = new ParameterStore(m, false);
        NDArray img =
            g.forward(ps, new NDList(m.randomNormal(new Shape(2, 8))), false).singletonOrThrow();
        assertEquals(new Shape(2, 3, s, s), img.getShape(), kind.specName());
        NDArray logit = d.forward(ps, new NDList(img), false).singletonOrThrow();
        assertEquals(new Shape(2, 1), logit.getShape(), kind.specName());
      }
    }
  }
}
