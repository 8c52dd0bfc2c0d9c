package dev.atelier.workflows.dsl;

import dev.atelier.workflows.search.AlgorithmSpec;
import dev.atelier.workflows.search.BudgetSpec;
import dev.atelier.workflows.search.Direction;
import dev.atelier.workflows.search.EarlyStoppingSpec;
import dev.atelier.workflows.search.Objective;
import dev.atelier.workflows.search.ParamSpec;
import dev.atelier.workflows.search.PbtSpec;
import dev.atelier.workflows.search.Samplers;
import dev.atelier.workflows.search.SearchSpec;
import dev.atelier.workflows.search.StopRuleSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Declares a sweep's search for {@code TrainOperator.partial(...).search(...)}:
 *
 * <pre>{@code
 * Search.space()
 *     .logUniform("lr", 5e-5, 5e-4)
 *     .categorical("loss", "bce", "hinge")
 *     .logUniform("r1_gamma", 0.01, 10).when("loss", "bce")
 *     .objective("fd_rgb8", "min")
 *     .tpe()
 *     .budget(24, 2)
 *     .asha(200, 3)
 *     .stopOnDivergence(1e-4, 2)
 *     .seed(7)
 *     .build()
 * }</pre>
 *
 * Nothing is checked here: the Dag checks the whole search when it is built ({@code
 * TrainOperator}), with every other definition error, naming the task. Defaults: TPE with Optuna's
 * settings (10 startup trials, 24 candidates, multivariate, constant liar), the best value of a
 * trial counts, no early stopping, seed 0. Early stopping's {@code max_steps} defaults to the
 * partial's {@code steps}.
 */
public final class Search {
  private final List<ParamSpec> params = new ArrayList<>();
  private Objective objective;
  private AlgorithmSpec algorithm =
      new AlgorithmSpec(
          "tpe", Samplers.DEFAULT_STARTUP_TRIALS, Samplers.DEFAULT_CANDIDATES, true, true);
  private int maxTrials;
  private int maxParallelTrials = 1;
  private long maxTrialSteps;
  private long maxWallSeconds;
  private EarlyStoppingSpec earlyStopping = EarlyStoppingSpec.NONE;
  private final List<StopRuleSpec> stopRules = new ArrayList<>();
  private PbtSpec pbt;
  private long seed;

  private Search() {}

  public static Search space() {
    return new Search();
  }

  /** A float drawn uniformly from [low, high]. */
  public Search uniform(String name, double low, double high) {
    return add(new ParamSpec(name, "uniform", low, high, null, false, null, null, null));
  }

  /** A float drawn uniformly in log space from [low, high] (learning rates, penalties). */
  public Search logUniform(String name, double low, double high) {
    return add(new ParamSpec(name, "log_uniform", low, high, null, false, null, null, null));
  }

  /** An integer in [low, high], step 1. */
  public Search integer(String name, long low, long high) {
    return integer(name, low, high, 1);
  }

  /** An integer among low, low + step, ..., high. */
  public Search integer(String name, long low, long high, long step) {
    return add(
        new ParamSpec(
            name, "int", (double) low, (double) high, (double) step, false, null, null, null));
  }

  /** An integer in [low, high] drawn on a log scale. */
  public Search logInteger(String name, long low, long high) {
    return add(
        new ParamSpec(name, "int", (double) low, (double) high, 1.0, true, null, null, null));
  }

  /** A float among low, low + step, ..., high. */
  public Search quantized(String name, double low, double high, double step) {
    return add(new ParamSpec(name, "quantized", low, high, step, false, null, null, null));
  }

  /** One of these values (numbers, strings or booleans), taken as given. */
  public Search categorical(String name, Object... choices) {
    return add(
        new ParamSpec(
            name, "categorical", null, null, null, false, Arrays.asList(choices), null, null));
  }

  /**
   * Makes the parameter declared last active only when {@code parent} takes one of these values.
   */
  public Search when(String parent, Object... values) {
    if (params.isEmpty()) {
      throw new IllegalStateException("Search.when() needs a parameter before it");
    }
    ParamSpec p = params.remove(params.size() - 1);
    params.add(
        new ParamSpec(
            p.name(),
            p.kind(),
            p.low(),
            p.high(),
            p.step(),
            p.log(),
            p.choices(),
            parent,
            Arrays.asList(values)));
    return this;
  }

  private Search add(ParamSpec p) {
    params.add(p);
    return this;
  }

  /** The metric to optimise, {@code "min"} or {@code "max"}; a trial's best value counts. */
  public Search objective(String metric, String direction) {
    return objective(metric, direction, "best");
  }

  /** As above; {@code counts} is {@code "best"} or {@code "last"}: which of a trial's values. */
  public Search objective(String metric, String direction, String counts) {
    if (!"best".equals(counts) && !"last".equals(counts)) {
      throw new IllegalArgumentException(
          "objective: counts must be 'best' or 'last', got " + Values.show(counts));
    }
    this.objective = new Objective(metric, Direction.parse(direction), "best".equals(counts));
    return this;
  }

  public Search grid() {
    this.algorithm = new AlgorithmSpec("grid", 0, 0, false, false);
    return this;
  }

  public Search random() {
    this.algorithm = new AlgorithmSpec("random", 0, 0, false, false);
    return this;
  }

  /** TPE with Optuna's defaults. */
  public Search tpe() {
    return tpe(Samplers.DEFAULT_STARTUP_TRIALS, Samplers.DEFAULT_CANDIDATES, true, true);
  }

  public Search tpe(int startupTrials, int candidates, boolean multivariate, boolean constantLiar) {
    this.algorithm =
        new AlgorithmSpec("tpe", startupTrials, candidates, multivariate, constantLiar);
    return this;
  }

  /** Trials in all, and at once. */
  public Search budget(int maxTrials, int maxParallelTrials) {
    this.maxTrials = maxTrials;
    this.maxParallelTrials = maxParallelTrials;
    return this;
  }

  /** Training steps summed over every trial. */
  public Search maxTrialSteps(long steps) {
    this.maxTrialSteps = steps;
    return this;
  }

  public Search maxWallSeconds(long seconds) {
    this.maxWallSeconds = seconds;
    return this;
  }

  /** Asynchronous successive halving: rungs at minSteps·η^k. */
  public Search asha(long minSteps, int reductionFactor) {
    this.earlyStopping = new EarlyStoppingSpec("asha", minSteps, reductionFactor, 0, 0);
    return this;
  }

  /** Hyperband; {@code brackets} 0 means all that fit. */
  public Search hyperband(long minSteps, int reductionFactor, int brackets) {
    this.earlyStopping = new EarlyStoppingSpec("hyperband", minSteps, reductionFactor, 0, brackets);
    return this;
  }

  /**
   * The steps of a trial that is never stopped, when the partial's {@code steps} is not a number.
   */
  public Search maxSteps(long steps) {
    EarlyStoppingSpec e = earlyStopping;
    this.earlyStopping =
        new EarlyStoppingSpec(e.kind(), e.minSteps(), e.reductionFactor(), steps, e.brackets());
    return this;
  }

  /** NaN/Inf, or {@code loss_d} below {@code threshold} for {@code evaluations} evaluations. */
  public Search stopOnDivergence(double threshold, int evaluations) {
    return rule("divergence", threshold, evaluations);
  }

  /** Sample diversity below {@code fraction} of the real data's for that many evaluations. */
  public Search stopOnModeCollapse(double fraction, int evaluations) {
    return rule("mode_collapse", fraction, evaluations);
  }

  /** {@code d_real − d_fake} above {@code gap} for that many evaluations. */
  public Search stopOnDOverpowering(double gap, int evaluations) {
    return rule("d_overpowering", gap, evaluations);
  }

  /** The objective did not improve by more than {@code minDelta} for that many evaluations. */
  public Search stopOnNoImprovement(double minDelta, int evaluations) {
    return rule("no_improvement", minDelta, evaluations);
  }

  private Search rule(String kind, double threshold, int evaluations) {
    stopRules.add(new StopRuleSpec(kind, threshold, evaluations));
    return this;
  }

  /** Population-based training over the named parameters (all of the space when none). */
  public Search pbt(
      int population,
      long intervalSteps,
      double quantile,
      List<Double> perturbFactors,
      double resampleProbability,
      String... mutate) {
    this.pbt =
        new PbtSpec(
            population,
            intervalSteps,
            quantile,
            List.copyOf(perturbFactors),
            resampleProbability,
            List.of(mutate));
    return this;
  }

  public Search seed(long seed) {
    this.seed = seed;
    return this;
  }

  public SearchSpec build() {
    PbtSpec p = pbt;
    if (p != null && p.mutate().isEmpty()) {
      List<String> all = params.stream().map(ParamSpec::name).toList();
      p =
          new PbtSpec(
              p.population(),
              p.intervalSteps(),
              p.quantile(),
              p.perturbFactors(),
              p.resampleProbability(),
              all);
    }
    return new SearchSpec(
        List.copyOf(params),
        objective,
        algorithm,
        new BudgetSpec(maxTrials, maxParallelTrials, maxTrialSteps, maxWallSeconds),
        earlyStopping,
        List.copyOf(stopRules),
        p,
        seed);
  }
}
