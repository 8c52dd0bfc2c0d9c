package dev.atelier.bench.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, p90 (nearest rank), min and max of a sample, in the sample's unit. */
record Stats(int n, double median, double p90, double min, double max) {
  static Stats of(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    double p90 = v.get((int) Math.ceil(0.9 * n) - 1);
    return new Stats(n, median, p90, v.get(0), v.get(n - 1));
  }
}
