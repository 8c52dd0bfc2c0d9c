package dev.atelier.workflows.search;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Mode collapse: {@code diversity_S} below {@code threshold} × {@code diversity_real_S} for {@code
 * evaluations} evaluations in a row, in any feature space S the trainer logs both for (usually
 * {@code rgb8}). Each space keeps its own streak, so one space's noisy evaluation cannot complete
 * another's. The real data's diversity is read at the same evaluation, so a trainer that
 * re-measures it (a growing data set) is judged against the current value.
 */
record ModeCollapseRule(double threshold, int evaluations) implements StopRule {
  static final String DIVERSITY = "diversity_";
  static final String DIVERSITY_REAL = "diversity_real_";

  @Override
  public Verdict judge(TrialView trial) {
    List<Evaluation> evs = trial.evaluations();
    TreeSet<String> spaces = new TreeSet<>();
    for (Evaluation e : evs) {
      for (String name : e.metrics().keySet()) {
        if (name.startsWith(DIVERSITY_REAL)) {
          spaces.add(name.substring(DIVERSITY_REAL.length()));
        }
      }
    }
    for (String space : spaces) {
      String mine = DIVERSITY + space;
      String real = DIVERSITY_REAL + space;
      List<Evaluation> run = Streak.trailing(evs, e -> collapsed(e, mine, real), evaluations);
      if (run.size() >= evaluations) {
        Evaluation end = run.get(run.size() - 1);
        return Verdict.stop(
            StopReason.MODE_COLLAPSE,
            mine
                + " "
                + Figures.of(end.metrics().get(mine))
                + " is below "
                + Figures.of(threshold)
                + " × "
                + real
                + " "
                + Figures.of(end.metrics().get(real))
                + " for "
                + evaluations
                + " evaluations in a row (steps "
                + run.get(0).step()
                + "–"
                + end.step()
                + ")");
      }
    }
    return Verdict.CONTINUE;
  }

  private Optional<Boolean> collapsed(Evaluation e, String mine, String real) {
    Optional<Double> d = Streak.finite(e, mine);
    Optional<Double> r = Streak.finite(e, real);
    if (d.isEmpty() || r.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(d.get() < threshold * r.get());
  }
}
