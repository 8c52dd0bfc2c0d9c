package dev.atelier.workflows.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Population-based training's exploit-and-explore step (Jaderberg et al. 2017, truncation
 * selection): when a member reports at a multiple of {@code intervalSteps} and is in the bottom
 * quantile of the population at that step, it takes a top-quantile member's checkpoint and that
 * member's hyperparameters, perturbed.
 */
public final class Pbt {
  /**
   * The decision for one member: replace it by a new trial started from {@code donorId}'s
   * checkpoint at {@code step} with {@code params}.
   */
  public record Exploit(int donorId, long step, Map<String, Object> params, String detail) {}

  public Pbt(SearchSpec spec) {}

  /** Called when {@code member} reported at {@code member}'s last evaluation step. */
  public Optional<Exploit> judge(TrialView member, List<TrialView> population) {
    throw new UnsupportedOperationException("pbt");
  }
}
