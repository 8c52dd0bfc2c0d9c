package dev.atelier.ui.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Thins a metric history for drawing. A GAN's losses are noisy step to step, so each point is the
 * mean of an equal share of consecutive steps (plotted at the share's last step) rather than a
 * sample that could land on a spike.
 */
public final class MetricHistory {
  public static final int MAX_POINTS = 500;

  private MetricHistory() {}

  public static List<MetricPoint> downsample(List<MetricPoint> history, int maxPoints) {
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints: " + maxPoints + " must be at least 1");
    }
    List<MetricPoint> sorted = new ArrayList<>(history);
    sorted.sort(Comparator.comparingLong(MetricPoint::step));
    int n = sorted.size();
    if (n <= maxPoints) {
      return sorted;
    }
    List<MetricPoint> out = new ArrayList<>(maxPoints);
    for (int bucket = 0; bucket < maxPoints; bucket++) {
      int from = (int) ((long) bucket * n / maxPoints);
      int to = (int) ((long) (bucket + 1) * n / maxPoints);
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += sorted.get(i).value();
      }
      MetricPoint last = sorted.get(to - 1);
      out.add(new MetricPoint(last.step(), sum / (to - from), last.timestamp()));
    }
    return out;
  }
}
