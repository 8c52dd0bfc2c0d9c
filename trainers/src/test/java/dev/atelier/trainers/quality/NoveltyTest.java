package dev.atelier.trainers.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class NoveltyTest {
  private static final int SIZE = 8;
  private static final int LEN = 3 * SIZE * SIZE;

  @Test
  void aSampleEqualToATrainingImageNamesItFirstWithSimilarityOne() throws Exception {
    Random r = new Random(8);
    RealImages real = named(randomImages(r, 300));
    float[] probes = randomImages(r, 4);
    // Probe 2 is a copy of training image 137.
    System.arraycopy(real.pixels(), 137 * LEN, probes, 2 * LEN, LEN);
    Novelty.Result result;
    Novelty novelty;
    try (NearestNeighbours index =
        new NearestNeighbours(FeatureMatrix.pixels(real.pixels(), 300, SIZE))) {
      novelty = new Novelty(index, real, 3);
      result = novelty.check(FeatureMatrix.pixels(probes, 4, SIZE));
    }

    Novelty.Neighbour nearest = result.samples().get(2).get(0);
    assertEquals(137, nearest.index());
    assertEquals("img137.png", nearest.file());
    assertEquals(1.0, nearest.similarity(), 1e-5);
    for (int i : new int[] {0, 1, 3}) {
      assertTrue(result.samples().get(i).get(0).similarity() < 0.5, "random images are far");
    }
    // Neighbours come most similar first.
    for (List<Novelty.Neighbour> row : result.samples()) {
      assertTrue(row.get(0).similarity() >= row.get(1).similarity());
      assertTrue(row.get(1).similarity() >= row.get(2).similarity());
    }

    JsonNode json = new ObjectMapper().readTree(Novelty.json(1200, "pixels", result));
    assertEquals(1200, json.get("step").asInt());
    assertEquals("pixels", json.get("feature_space").asText());
    JsonNode first = json.get("samples").get(2).get("neighbours").get(0);
    assertEquals(137, first.get("index").asInt());
    assertEquals("img137.png", first.get("file").asText());
    assertEquals(result.meanNearestDistance(), json.get("mean_nn_cosine_distance").asDouble());

    BufferedImage png = ImageIO.read(new ByteArrayInputStream(novelty.png(probes, result)));
    int scale = 6; // 8-pixel tiles are drawn at least 48 wide
    int tile = SIZE * scale;
    int pad = 3;
    assertEquals(pad + tile + tile / 2 + 3 * (tile + pad), png.getWidth());
    assertEquals(pad + 4 * (tile + pad), png.getHeight());
    // Row 2: the sample and its first neighbour show the same top-left pixel.
    int y = pad + 2 * (tile + pad);
    assertEquals(png.getRGB(pad, y), png.getRGB(pad + tile + tile / 2, y));
  }

  @Test
  void theMeanNearestDistanceIsZeroForACopyingGeneratorAndNamesAreOptional() {
    Random r = new Random(9);
    RealImages real = RealImages.of(randomImages(r, 50), 50, SIZE);
    float[] copies = new float[5 * LEN];
    for (int i = 0; i < 5; i++) {
      System.arraycopy(real.pixels(), (i * 7) * LEN, copies, i * LEN, LEN);
    }
    Novelty.Result result;
    try (NearestNeighbours index =
        new NearestNeighbours(FeatureMatrix.pixels(real.pixels(), 50, SIZE))) {
      result = new Novelty(index, real, 1).check(FeatureMatrix.pixels(copies, 5, SIZE));
    }
    assertEquals(0.0, result.meanNearestDistance(), 1e-5);
    assertNull(result.samples().get(0).get(0).file());
  }

  static float[] randomImages(Random r, int n) {
    float[] px = new float[n * LEN];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextFloat() * 2 - 1;
    }
    return px;
  }

  private static RealImages named(float[] pixels) {
    int n = pixels.length / LEN;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("img" + i + ".png");
    }
    return new RealImages(pixels, n, SIZE, names);
  }
}
