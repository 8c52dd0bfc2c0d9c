package dev.atelier.trainers.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The sweep's probe latents are shared whatever a trial's latent size: the demo's fixed grid maps
 * latent sizes 32 and 64, and its compare page puts their grids side by side as like for like.
 *
 * <pre>
 *   vector i, latent 64:  [ z0 z1 ... z31 | z32 ... z63 ]
 *   vector i, latent 32:  [ z0 z1 ... z31 ]               (the same 32 numbers)
 * </pre>
 */
class ProbeLatentsTest {
  private static final long SEED = 1234;
  private static final int COUNT = 64;

  @Test
  void trialsWithLatentSizes32And64_shareEachVectorsFirst32Coordinates() {
    float[] small = ProbeLatents.draw(SEED, COUNT, 32);
    float[] large = ProbeLatents.draw(SEED, COUNT, 64);
    for (int i = 0; i < COUNT; i++) {
      assertArrayEquals(
          Arrays.copyOfRange(small, i * 32, i * 32 + 32),
          Arrays.copyOfRange(large, i * 64, i * 64 + 32),
          "probe vector " + i + ": the latent-32 trial's vector is the latent-64 one's prefix");
    }
  }

  @Test
  void aLargerProbeCount_keepsTheFirstVectors() {
    float[] sixteen = ProbeLatents.draw(SEED, 16, 100);
    float[] sixtyFour = ProbeLatents.draw(SEED, 64, 100);
    assertArrayEquals(sixteen, Arrays.copyOf(sixtyFour, sixteen.length));
  }

  @Test
  void vectorsAndSeedsDiffer_andEachLooksStandardNormal() {
    float[] z = ProbeLatents.draw(SEED, COUNT, 512);
    assertNotEquals(
        Arrays.toString(Arrays.copyOfRange(z, 0, 8)),
        Arrays.toString(Arrays.copyOfRange(z, 512, 520)),
        "two probe vectors are not the same stream");
    float[] next = ProbeLatents.draw(SEED + 1, 1, 8);
    assertNotEquals(Arrays.toString(Arrays.copyOf(z, 8)), Arrays.toString(next));
    double sum = 0;
    double squares = 0;
    for (float v : z) {
      sum += v;
      squares += v * v;
    }
    double mean = sum / z.length;
    double variance = squares / z.length - mean * mean;
    assertTrue(Math.abs(mean) < 0.02, "mean " + mean);
    assertEquals(1.0, variance, 0.03, "variance");
    assertArrayEquals(z, ProbeLatents.draw(SEED, COUNT, 512), "the same on every call");
  }
}
