package dev.atelier.workflows.search;

import java.util.List;

/**
 * Answers one question after a trial reported (Optuna's {@code should_prune}): does this trial go
 * on? {@code trial} is the one that just reported (its last evaluation is the new one); {@code all}
 * holds every trial of the sweep, itself included. Pruners keep no hidden state beyond what their
 * constructor took, so answers depend only on the arguments.
 */
public interface Pruner {
  Verdict judge(TrialView trial, List<TrialView> all);

  Pruner NONE = (trial, all) -> Verdict.CONTINUE;
}
