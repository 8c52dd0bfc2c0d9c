package dev.atelier.trainers.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SlerpTest {
  @Test
  void endpointsAreTheInputs() {
    Random r = new Random(1);
    float[] a = gaussian(r, 64);
    float[] b = gaussian(r, 64);
    assertArrayEquals(a, Slerp.between(a, b, 0), 1e-6f);
    assertArrayEquals(b, Slerp.between(a, b, 1), 1e-5f);
  }

  @Test
  void theMidpointOfOrthogonalUnitVectorsIsTheirNormalisedSum() {
    float[] mid = Slerp.between(new float[] {1, 0, 0}, new float[] {0, 1, 0}, 0.5);
    float h = (float) Math.sqrt(0.5);
    assertArrayEquals(new float[] {h, h, 0}, mid, 1e-7f);
  }

  @Test
  void unitVectorsStayOnTheUnitSphereAllAlongTheArc() {
    Random r = new Random(2);
    float[] a = unit(gaussian(r, 32));
    float[] b = unit(gaussian(r, 32));
    for (int i = 0; i <= 10; i++) {
      assertEquals(1.0, norm(Slerp.between(a, b, i / 10.0)), 1e-6, "t = " + i / 10.0);
    }
  }

  @Test
  void parallelVectorsFallBackToTheStraightLine() {
    float[] mid = Slerp.between(new float[] {1, 2}, new float[] {2, 4}, 0.5);
    assertArrayEquals(new float[] {1.5f, 3f}, mid, 1e-6f);
  }

  static float[] gaussian(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  private static float[] unit(float[] v) {
    double n = norm(v);
    float[] u = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = (float) (v[i] / n);
    }
    return u;
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }
}
