package dev.atelier.trainers.train;

import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.DatasetSpec;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.ModelKind;
import dev.atelier.trainers.spec.ProbeSpec;
import dev.atelier.trainers.spec.TrialSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;

/** Trials small enough for a unit test: 32x32 solid images, widths 8, batch 16. */
final class TinyTrials {
  /** The data's colour, (230, 40, 40), in the model's [-1, 1] range. */
  static final float[] RED = {230 / 127.5f - 1, 40 / 127.5f - 1, 40 / 127.5f - 1};

  private TinyTrials() {}

  static ImageDataset solid(float[] rgb, int count) {
    int size = 32;
    int plane = size * size;
    float[] px = new float[count * 3 * plane];
    for (int k = 0; k < count; k++) {
      for (int c = 0; c < 3; c++) {
        Arrays.fill(px, (k * 3 + c) * plane, (k * 3 + c + 1) * plane, rgb[c] - 0.01f * k);
      }
    }
    return new ImageDataset(px, count, size, 0);
  }

  static TrialSpec spec(Path data, Path out, int steps, int sampleEvery) {
    return TrialSpec.builder(
            "test/tiny",
            ModelKind.DCGAN32,
            new DatasetSpec(data, 32, 0xffffff),
            new Hyperparams(0.002, 0.5, 8, 16, steps, 8, 8),
            out)
        .seed(7)
        .probe(new ProbeSpec(1234, 64))
        .sampleEvery(sampleEvery)
        .threads(OptionalInt.of(1))
        .build();
  }
}
