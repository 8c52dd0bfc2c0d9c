package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricHistoryTest {

  private static List<MetricPoint> steps(int n) {
    List<MetricPoint> points = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) { // out of order on purpose: MLflow does not promise order
      points.add(new MetricPoint(i, i, 1000L + i));
    }
    return points;
  }

  @Test
  void downsample_shortHistory_returnsEveryPointInStepOrder() {
    List<MetricPoint> out = MetricHistory.downsample(steps(300), 500);

    assertEquals(300, out.size());
    assertEquals(0, out.get(0).step());
    assertEquals(299, out.get(299).step());
  }

  @Test
  void downsample_longHistory_keepsAtMost500PointsAndReachesTheLastStep() {
    List<MetricPoint> out = MetricHistory.downsample(steps(1234), 500);

    assertEquals(500, out.size());
    assertEquals(1233, out.get(499).step(), "the curve must end where training ended");
  }

  @Test
  void downsample_bucketsAreMeansSoASpikeDoesNotDominate() {
    // 1000 steps of value 1 with one spike of 1001 at step 500, thinned to 10 buckets of 100.
    List<MetricPoint> points = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      points.add(new MetricPoint(i, i == 500 ? 1001 : 1, 0));
    }

    List<MetricPoint> out = MetricHistory.downsample(points, 10);

    assertEquals(11.0, out.get(5).value(), 1e-9);
    assertEquals(1.0, out.get(4).value(), 1e-9);
    assertEquals(599, out.get(5).step());
  }
}
