package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Population-based training's exploit-and-explore step (Jaderberg et al. 2017, truncation
 * selection): when a member reports at a multiple of {@code intervalSteps} and is in the bottom
 * quantile of the population at that step, it takes a top-quantile member's checkpoint and that
 * member's hyperparameters, perturbed.
 *
 * <p>Choices:
 *
 * <ul>
 *   <li>The step is the member's last step rounded down to the interval; a member counts there when
 *       it is running or complete and has reported at or after that step. Each is ranked by its
 *       objective metric at its latest evaluation at or before the step (not its best so far: the
 *       checkpoint handed on is the one at that step). Ties rank the lower trial id first.
 *   <li>The member is judged only with at least 2 others beside it and a value of its own. Bottom
 *       and top are ⌈quantile·n⌉ members each, at least 1; a member that is also in the top (a
 *       quantile of ½ with an odd n) keeps going.
 *   <li>Explore, for each name of {@code mutate} the donor has: with {@code resampleProbability} a
 *       fresh draw from the space, else numbers × one of {@code perturbFactors} (clipped, ints and
 *       quantized snapped to their grid) and a categorical moves to a neighbouring choice ({@link
 *       PbtDraws}). A conditional parameter that the new values switch on is drawn afresh; one they
 *       switch off is dropped.
 *   <li>Every draw of one decision comes from a generator seeded by the spec's seed, the member's
 *       id and the step, so a decision does not depend on the decisions before it: the sweep
 *       workflow replays, or rebuilds this object after continue-as-new, and gets the same answers.
 * </ul>
 */
public final class Pbt {
  /**
   * The decision for one member: replace it by a new trial started from {@code donorId}'s
   * checkpoint at {@code step} with {@code params}.
   */
  public record Exploit(int donorId, long step, Map<String, Object> params, String detail) {}

  private record Ranked(TrialView trial, double value) {}

  private final PbtSpec pbt;
  private final Objective objective;
  private final List<ParamSpec> space;
  private final long seed;

  public Pbt(SearchSpec spec) {
    PbtSpec p = spec.pbt();
    if (p == null) {
      throw new IllegalArgumentException("pbt must be set to build a Pbt, got null");
    }
    if (p.intervalSteps() < 1) {
      throw new IllegalArgumentException(
          "pbt.interval_steps must be at least 1, got " + p.intervalSteps());
    }
    if (!(p.quantile() > 0 && p.quantile() <= 0.5)) {
      throw new IllegalArgumentException("pbt.quantile must be in (0, 0.5], got " + p.quantile());
    }
    if (p.perturbFactors() == null || p.perturbFactors().isEmpty()) {
      throw new IllegalArgumentException(
          "pbt.perturb_factors must hold at least one factor, got " + p.perturbFactors());
    }
    if (!(p.resampleProbability() >= 0 && p.resampleProbability() <= 1)) {
      throw new IllegalArgumentException(
          "pbt.resample_probability must be in [0, 1], got " + p.resampleProbability());
    }
    List<ParamSpec> params = spec.space() == null ? List.of() : spec.space();
    for (String name : p.mutate() == null ? List.<String>of() : p.mutate()) {
      if (params.stream().noneMatch(s -> s.name().equals(name))) {
        throw new IllegalArgumentException(
            "pbt.mutate names '" + name + "', which is not a parameter of the search space");
      }
    }
    this.pbt = p;
    this.objective = spec.objective();
    this.space = params;
    this.seed = spec.seed();
  }

  /** Called when {@code member} reported at {@code member}'s last evaluation step. */
  public Optional<Exploit> judge(TrialView member, List<TrialView> population) {
    long step =
        Math.floorDiv(TrialValues.lastStep(member), pbt.intervalSteps()) * pbt.intervalSteps();
    if (member.evaluations().isEmpty() || step <= 0) {
      return Optional.empty();
    }
    Optional<Double> mine = valueAt(member, step);
    if (mine.isEmpty()) {
      return Optional.empty();
    }
    List<Ranked> ranked = new ArrayList<>();
    for (TrialView t : population) {
      boolean alive = t.state() == TrialState.RUNNING || t.state() == TrialState.COMPLETE;
      if (t.id() != member.id() && alive && TrialValues.lastStep(t) >= step) {
        valueAt(t, step).ifPresent(v -> ranked.add(new Ranked(t, v)));
      }
    }
    if (ranked.size() < 2) {
      return Optional.empty();
    }
    ranked.add(new Ranked(member, mine.get()));
    Direction d = objective.direction();
    ranked.sort(
        Comparator.comparingDouble((Ranked r) -> d.loss(r.value()))
            .thenComparingInt(r -> r.trial().id()));
    int n = ranked.size();
    int cut = Math.max(1, (int) Math.ceil(pbt.quantile() * n - 1e-9));
    int rank = 0;
    while (ranked.get(rank).trial().id() != member.id()) {
      rank++;
    }
    if (rank < n - cut || rank < cut) {
      return Optional.empty();
    }
    SplittableRandom rng = new SplittableRandom(mix(seed, member.id(), step));
    Ranked donor = ranked.get(rng.nextInt(cut));
    List<String> changes = new ArrayList<>();
    Map<String, Object> params = explore(donor.trial().params(), rng, changes);
    String metric = objective.metric();
    String detail =
        metric
            + " "
            + Figures.of(mine.get())
            + " at step "
            + step
            + " is in the bottom "
            + Figures.percent(pbt.quantile())
            + " of "
            + n
            + " trials: takes trial "
            + donor.trial().id()
            + "'s checkpoint ("
            + metric
            + " "
            + Figures.of(donor.value())
            + "), "
            + (changes.isEmpty() ? "hyperparameters unchanged" : String.join(", ", changes));
    return Optional.of(new Exploit(donor.trial().id(), step, params, detail));
  }

  private Optional<Double> valueAt(TrialView t, long step) {
    return TrialValues.latestWith(objective.metric(), t.evaluations(), step)
        .map(e -> e.metrics().get(objective.metric()));
  }

  private Map<String, Object> explore(
      Map<String, Object> donor, SplittableRandom rng, List<String> changes) {
    Map<String, Object> params = new LinkedHashMap<>(donor);
    for (String name : pbt.mutate() == null ? List.<String>of() : pbt.mutate()) {
      if (!params.containsKey(name)) {
        continue; // inactive in the donor's configuration
      }
      ParamSpec p = spec(name);
      Object before = params.get(name);
      boolean fresh = rng.nextDouble() < pbt.resampleProbability();
      Object after;
      if (fresh) {
        after = PbtDraws.fresh(p, rng);
      } else if ("categorical".equals(p.kind())) {
        after = PbtDraws.neighbour(p, before, rng);
      } else {
        List<Double> f = pbt.perturbFactors();
        after = PbtDraws.scaled(p, before, f.get(rng.nextInt(f.size())));
      }
      params.put(name, after);
      if (!same(before, after) || fresh) {
        changes.add(
            name + " " + shown(before) + " → " + shown(after) + (fresh ? " (resampled)" : ""));
      }
    }
    for (ParamSpec p : space) {
      if (p.parent() == null) {
        continue;
      }
      Object parentValue = params.get(p.parent());
      boolean active =
          parentValue != null
              && p.parentValues() != null
              && PbtDraws.indexOf(p.parentValues(), parentValue) >= 0;
      if (active && !params.containsKey(p.name())) {
        Object v = PbtDraws.fresh(p, rng);
        params.put(p.name(), v);
        changes.add(p.name() + " " + shown(v) + " (now active)");
      } else if (!active && params.containsKey(p.name())) {
        params.remove(p.name());
        changes.add(p.name() + " dropped (inactive)");
      }
    }
    return params;
  }

  private ParamSpec spec(String name) {
    for (ParamSpec p : space) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalStateException("pbt.mutate names '" + name + "', checked in the constructor");
  }

  private static boolean same(Object a, Object b) {
    return a instanceof Number x && b instanceof Number y
        ? x.doubleValue() == y.doubleValue()
        : java.util.Objects.equals(a, b);
  }

  private static String shown(Object v) {
    return v instanceof Number x ? Figures.of(x.doubleValue()) : String.valueOf(v);
  }

  /** SplitMix64's finaliser over the three inputs: nearby ids and steps give unrelated seeds. */
  static long mix(long seed, int id, long step) {
    long z = seed ^ (0x9E3779B97F4A7C15L * (id + 1L)) ^ (0xC2B2AE3D27D4EB4FL * (step + 1L));
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
