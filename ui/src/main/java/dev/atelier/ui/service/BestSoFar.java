package dev.atelier.ui.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's best objective against the training it cost: every evaluation of every trial, in the
 * order they were logged, adds the steps its trial trained since its previous report to the total.
 * The curve a search is judged by (how soon it found a good model), so early stopping shows up as a
 * curve that drops sooner.
 */
public final class BestSoFar {
  /** After {@code trialSteps} steps summed over every trial, the best value was {@code value}. */
  public record Point(long trialSteps, double value, int mapIndex) {}

  private record Report(int mapIndex, MetricPoint point) {}

  private BestSoFar() {}

  public static List<Point> of(List<SweepTrialView> trials, SweepObjective objective) {
    List<Report> reports = new ArrayList<>();
    for (SweepTrialView t : trials) {
      for (MetricPoint p : t.history()) {
        reports.add(new Report(t.mapIndex(), p));
      }
    }
    reports.sort(
        Comparator.comparingLong((Report r) -> r.point().timestamp())
            .thenComparingLong(r -> r.point().step())
            .thenComparingInt(Report::mapIndex));
    Map<Integer, Long> reached = new HashMap<>();
    long spent = 0;
    Double best = null;
    int bestTrial = -1;
    List<Point> out = new ArrayList<>();
    for (Report r : reports) {
      long before = reached.getOrDefault(r.mapIndex(), 0L);
      spent += Math.max(0, r.point().step() - before);
      reached.put(r.mapIndex(), Math.max(before, r.point().step()));
      double v = r.point().value();
      if (Double.isFinite(v) && (best == null || objective.better(v, best))) {
        best = v;
        bestTrial = r.mapIndex();
      }
      if (best != null) {
        out.add(new Point(spent, best, bestTrial));
      }
    }
    return out;
  }
}
