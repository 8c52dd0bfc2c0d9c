package dev.atelier.trainers.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.train.ImageGenerator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class LatentWalkTest {
  private static final int DIM = 16;

  @Test
  void thePathVisitsEveryKeyframeInOrderAndClosesTheLoop() {
    float[] z = SlerpTest.gaussian(new Random(4), 8 * DIM);
    float[] path = LatentWalk.path(z, 3, DIM, 4);
    assertEquals(3 * 4 * DIM, path.length);
    for (int s = 0; s < 3; s++) {
      // Frame s * 4 is keyframe s exactly.
      assertArrayEquals(
          Arrays.copyOfRange(z, s * DIM, (s + 1) * DIM),
          Arrays.copyOfRange(path, s * 4 * DIM, (s * 4 + 1) * DIM),
          1e-6f);
    }
    // The last frame is on the way back to keyframe 0: three quarters of the last leg.
    float[] back =
        Slerp.between(Arrays.copyOfRange(z, 2 * DIM, 3 * DIM), Arrays.copyOfRange(z, 0, DIM), 0.75);
    assertArrayEquals(back, Arrays.copyOfRange(path, 11 * DIM, 12 * DIM), 1e-6f);
  }

  @Test
  void rendersALoopingGifWithOneFramePerLatentAndAStripWithOneRowPerLeg() throws Exception {
    int size = 32;
    float[] z = SlerpTest.gaussian(new Random(5), 64 * DIM);
    LatentWalk.Rendering walk =
        LatentWalk.render(ImageGenerator.of(DIM, size, LatentWalkTest::paint), z, 8, 8);
    assertEquals(64, walk.frames());

    try (ImageInputStream in =
        ImageIO.createImageInputStream(new ByteArrayInputStream(walk.gif()))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertEquals(64, reader.getNumImages(true));
      BufferedImage first = reader.read(0);
      assertEquals(128, first.getWidth()); // 32 pixels drawn 4x
      assertEquals(128, first.getHeight());
      IIOMetadataNode meta =
          (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
      IIOMetadataNode gce =
          (IIOMetadataNode) meta.getElementsByTagName("GraphicControlExtension").item(0);
      assertEquals("12", gce.getAttribute("delayTime"));
      IIOMetadataNode app =
          (IIOMetadataNode) meta.getElementsByTagName("ApplicationExtension").item(0);
      assertEquals("NETSCAPE", app.getAttribute("applicationID"));
      assertArrayEquals(new byte[] {1, 0, 0}, (byte[]) app.getUserObject()); // loop forever
      // Frames differ: the walk moves.
      assertNotEquals(first.getRGB(0, 0), reader.read(4).getRGB(0, 0));
      reader.dispose();
    }

    BufferedImage strip = ImageIO.read(new ByteArrayInputStream(walk.png()));
    assertEquals(8 * size, strip.getWidth());
    assertEquals(8 * size, strip.getHeight());
  }

  @Test
  void aGeneratorReturningTheWrongShapeIsNamed() {
    float[] z = SlerpTest.gaussian(new Random(6), 2 * DIM);
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () -> LatentWalk.render(ImageGenerator.of(DIM, 8, (l, n) -> new float[5]), z, 2, 2));
    assertTrue(e.getMessage().startsWith("walk: the generator returned 5 floats for 4 images"));
  }

  /** A stand-in generator: each image a flat colour taken from its latent's first three values. */
  static float[] paint(float[] latents, int count) {
    int dim = latents.length / count;
    int size = 32;
    float[] out = new float[count * 3 * size * size];
    for (int n = 0; n < count; n++) {
      for (int c = 0; c < 3; c++) {
        float v = (float) Math.tanh(latents[n * dim + c]);
        Arrays.fill(out, (n * 3 + c) * size * size, (n * 3 + c + 1) * size * size, v);
      }
    }
    return out;
  }
}
