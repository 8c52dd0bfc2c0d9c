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

  /**
   * A stand-in conditional generator with 10 classes: image colour = (25 x class, latent's first
   * value, 0), so a tile tells its class and its latent apart.
   */
  private static ImageGenerator conditional() {
    return new ImageGenerator() {
      @Override
      public int latentDim() {
        return DIM;
      }

      @Override
      public int imageSize() {
        return 8;
      }

      @Override
      public java.util.List<String> classNames() {
        return java.util.stream.IntStream.range(0, 10).mapToObj(i -> "c" + i).toList();
      }

      @Override
      public float[] generate(float[] latents, int count) {
        throw new AssertionError("a conditional walk draws with labels");
      }

      @Override
      public float[] generate(float[] latents, int[] labels, int count) {
        float[] out = new float[count * 3 * 64];
        for (int n = 0; n < count; n++) {
          Arrays.fill(out, n * 192, n * 192 + 64, labels[n] * 25 / 127.5f - 1);
          Arrays.fill(out, n * 192 + 64, n * 192 + 128, (float) Math.tanh(latents[n * DIM]));
          Arrays.fill(out, n * 192 + 128, n * 192 + 192, -1);
        }
        return out;
      }
    };
  }

  @Test
  void aConditionalWalkShowsTheFirstEightClassesAlongTheSameLatents() throws Exception {
    float[] z = SlerpTest.gaussian(new Random(7), 2 * DIM);
    LatentWalk.Rendering walk = LatentWalk.render(conditional(), z, 2, 3);
    assertEquals(6, walk.frames());
    try (ImageInputStream in =
        ImageIO.createImageInputStream(new ByteArrayInputStream(walk.gif()))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      BufferedImage frame = reader.read(4);
      // 8 classes of 8 px drawn 16x (128 px), 4 px apart.
      assertEquals(8 * 128 + 7 * 4, frame.getWidth());
      assertEquals(128, frame.getHeight());
      int green = (frame.getRGB(0, 0) >> 8) & 0xff;
      for (int c = 0; c < 8; c++) {
        int rgb = frame.getRGB(c * 132 + 64, 64);
        assertEquals(25 * c, (rgb >> 16) & 0xff, "class of tile " + c);
        assertEquals(green, (rgb >> 8) & 0xff, "latent of tile " + c);
      }
      reader.dispose();
    }
    BufferedImage strip = ImageIO.read(new ByteArrayInputStream(walk.png()));
    assertEquals(3 * 8, strip.getWidth());
    assertEquals(8 * (2 * 8) + 7 * 4, strip.getHeight());
    // Band c (2 legs of 8 px, then 4 px of gap) is class c.
    assertEquals(25 * 3, (strip.getRGB(0, 3 * 20) >> 16) & 0xff);
  }

  @Test
  void chosenClassesAreWalkedInTheOrderGiven() throws Exception {
    float[] z = SlerpTest.gaussian(new Random(7), 2 * DIM);
    LatentWalk.Rendering walk = LatentWalk.render(conditional(), z, 2, 3, new int[] {9, 2});
    BufferedImage strip = ImageIO.read(new ByteArrayInputStream(walk.png()));
    assertEquals(2 * 16 + 4, strip.getHeight());
    assertEquals(25 * 9, (strip.getRGB(0, 0) >> 16) & 0xff);
    assertEquals(25 * 2, (strip.getRGB(0, 20) >> 16) & 0xff);
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
