package dev.atelier.trainers.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The committed fixtures made by src/test/python/make_quality_fixtures.py, and the image formula
 * that script uses, so Java and PyTorch see bit-identical inputs.
 */
final class QualityFixtures {
  private QualityFixtures() {}

  static Path extractorFile() {
    return resource("tiny_features.pt");
  }

  static JsonNode expected() {
    try {
      return new ObjectMapper().readTree(resource("tiny_features_expected.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Must match formula_images() in make_quality_fixtures.py. */
  static float[] formulaImages(int count, int size) {
    float[] out = new float[count * 3 * size * size];
    int i = 0;
    for (int n = 0; n < count; n++) {
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size; x++) {
            int k = (n * 7919 + c * 104729 + y * y * 31 + x * 17 + x * y * 5) % 255;
            out[i++] = (float) (k / 127.5 - 1.0);
          }
        }
      }
    }
    return out;
  }

  static float[][] matrix(JsonNode rows) {
    float[][] m = new float[rows.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = new float[rows.get(i).size()];
      for (int j = 0; j < m[i].length; j++) {
        m[i][j] = (float) rows.get(i).get(j).asDouble();
      }
    }
    return m;
  }

  private static Path resource(String name) {
    try {
      return Path.of(QualityFixtures.class.getResource("/quality/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
