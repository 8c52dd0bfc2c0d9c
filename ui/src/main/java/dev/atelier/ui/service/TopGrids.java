package dev.atelier.ui.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The sample grids of the sweep's best trials at one step they all have, so they compare like for
 * like (same probe latents, same training). Trials that ran on are chosen best first; pruned ones
 * only fill in while fewer than two are shown, since a trial pruned at step 200 would pull every
 * grid back to step 200. A trial that shares no grid step with those already chosen is skipped.
 *
 * @param step the largest step every chosen trial has a grid at, or null when none
 * @param trials the chosen trials, best first
 */
public record TopGrids(Long step, List<Entry> trials) {
  /** A chosen trial and where its grid is. */
  public record Entry(int mapIndex, String mlflowRunId, Double objective, String state) {}

  public static final TopGrids NONE = new TopGrids(null, List.of());

  /** Pruned trials join only while fewer than this many trials that ran on have grids. */
  static final int MIN_COMPARED = 2;

  /**
   * @param sampleSteps a trial's grid steps; asked only for trials with an objective, best first,
   *     until {@code k} are chosen
   */
  public static TopGrids choose(
      List<SweepTrialView> trials,
      SweepObjective objective,
      int k,
      Function<SweepTrialView, List<Long>> sampleSteps) {
    Comparator<SweepTrialView> best =
        Comparator.comparing((SweepTrialView t) -> t.state().equals("pruned"))
            .thenComparing(
                (a, b) ->
                    Double.compare(
                        objective.direction().equals("max") ? -a.objective() : a.objective(),
                        objective.direction().equals("max") ? -b.objective() : b.objective()))
            .thenComparingInt(SweepTrialView::mapIndex);
    List<SweepTrialView> candidates =
        trials.stream()
            .filter(t -> t.objective() != null && t.mlflowRunId() != null)
            .sorted(best)
            .toList();
    List<Entry> chosen = new ArrayList<>();
    TreeSet<Long> common = null;
    for (SweepTrialView t : candidates) {
      boolean pruned = t.state().equals("pruned");
      if (chosen.size() == k || (pruned && chosen.size() >= MIN_COMPARED)) {
        break;
      }
      TreeSet<Long> steps = new TreeSet<>(sampleSteps.apply(t));
      if (common != null) {
        steps.retainAll(common);
      }
      if (steps.isEmpty()) {
        continue;
      }
      common = steps;
      chosen.add(new Entry(t.mapIndex(), t.mlflowRunId(), t.objective(), t.state()));
    }
    if (chosen.isEmpty()) {
      return NONE;
    }
    return new TopGrids(common.last(), List.copyOf(chosen));
  }
}
