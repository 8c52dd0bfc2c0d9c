package dev.atelier.workflows.dsl;

import dev.atelier.workflows.search.BudgetSpec;
import dev.atelier.workflows.search.EarlyStoppingSpec;
import dev.atelier.workflows.search.ParamSpec;
import dev.atelier.workflows.search.PbtSpec;
import dev.atelier.workflows.search.SearchSpec;
import dev.atelier.workflows.search.StopRuleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@code TrainOperator}'s search when the Dag is built. Every message starts with {@code
 * <task>.search:} and names the field, the value and the rule, e.g. {@code train.search: lr: low
 * 0.001 must be below high 0.0001}.
 */
final class SearchCheck {
  /** Metrics the trainer logs at evaluations (trainers/README.md, "Outputs", "Quality metrics"). */
  static final Set<String> METRICS =
      Set.of(
          "fd_diag_rgb8",
          "fd_rgb8",
          "kid_rgb8",
          "diversity_rgb8",
          "novelty_nn_distance_rgb8",
          "psnr",
          "loss_g",
          "loss_d");

  /** The quality metrics of any feature space S ({@code [a-z][a-z0-9_]*}, the extractor's name). */
  static final Pattern FEATURE_METRIC =
      Pattern.compile("(fd|kid|diversity|novelty_nn_distance)_[a-z][a-z0-9_]*");

  private static final double EPS = 1e-9;

  private static final List<String> KINDS =
      List.of("uniform", "log_uniform", "int", "quantized", "categorical");

  private final String at;
  private final List<String> violations;

  private SearchCheck(String taskId, List<String> violations) {
    this.at = taskId + ".search: ";
    this.violations = violations;
  }

  static void check(
      String taskId, SearchSpec s, Map<String, Object> partial, List<String> violations) {
    SearchCheck c = new SearchCheck(taskId, violations);
    Map<String, ParamSpec> declared = c.space(s.space() == null ? List.of() : s.space(), partial);
    c.objective(s);
    c.algorithm(s, declared);
    c.budget(s.budget(), s.earlyStopping(), partial);
    c.earlyStopping(s.earlyStopping(), s.budget());
    c.rungsAtEvaluations(s.earlyStopping(), partial);
    c.stopRules(s.stopRules() == null ? List.of() : s.stopRules());
    if (s.pbt() != null) {
      c.pbt(s.pbt(), declared, partial);
    }
  }

  private void add(String message) {
    violations.add(at + message);
  }

  private Map<String, ParamSpec> space(List<ParamSpec> space, Map<String, Object> partial) {
    if (space.isEmpty()) {
      add("the space has no parameters; declare at least one");
    }
    Map<String, ParamSpec> seen = new LinkedHashMap<>();
    for (ParamSpec p : space) {
      String n = p.name();
      if (seen.containsKey(n)) {
        add(n + ": declared twice");
        continue;
      }
      if (TrainOperator.SWEEP_ARGS.contains(n) || TrainOperator.KUBERNETES_ARGS.contains(n)) {
        add(n + ": applies to the whole sweep and cannot be searched; pass it to partial()");
      } else if (!TrainOperator.accepts(n)) {
        add(
            n
                + ": not a per-trial argument of TrainOperator (a hyperparameter, a trial field"
                + " or an option object's field)");
      } else if (partial.containsKey(n)) {
        add(n + ": also set in partial(); search it or set it, not both");
      }
      if ("categorical".equals(p.kind())) {
        choices(p);
      } else if (!KINDS.contains(p.kind())) {
        add(n + ": kind " + Values.show(p.kind()) + " is not one of " + KINDS);
      } else if (p.low() == null || p.high() == null) {
        add(n + ": " + p.kind() + " needs both low and high");
      } else {
        bounds(p);
      }
      if (p.parent() != null) {
        condition(p, seen, space);
      }
      seen.put(n, p);
    }
    return seen;
  }

  private void choices(ParamSpec p) {
    List<Object> choices = p.choices() == null ? List.of() : p.choices();
    if (choices.isEmpty()) {
      add(p.name() + ": categorical needs at least one choice");
    }
    List<Object> seen = new ArrayList<>();
    for (Object c : choices) {
      if (!(c instanceof Number || c instanceof String || c instanceof Boolean)) {
        add(p.name() + ": choice " + Values.show(c) + " must be a number, a string or a boolean");
      } else if (seen.stream().anyMatch(x -> same(x, c))) {
        add(p.name() + ": choice " + Values.show(c) + " is given twice");
      }
      seen.add(c);
    }
  }

  private void bounds(ParamSpec p) {
    String n = p.name();
    double low = p.low();
    double high = p.high();
    boolean isInt = "int".equals(p.kind());
    boolean log = "log_uniform".equals(p.kind()) || (isInt && p.log());
    if (!(low < high)) {
      add(n + ": low " + show(low) + " must be below high " + show(high));
    }
    if (log && low <= 0) {
      add(n + ": low " + show(low) + " must be above 0 on a log scale");
    }
    if (isInt) {
      for (double v : new double[] {low, high}) {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
          add(n + ": " + show(v) + " must be a whole number that fits an int");
        }
      }
    }
    if (!isInt && !"quantized".equals(p.kind())) {
      return;
    }
    double step = p.step() == null ? 1 : p.step();
    if (!(step > 0)) {
      add(n + ": step " + show(step) + " must be above 0");
      return;
    }
    if (isInt && step != Math.rint(step)) {
      add(n + ": step " + show(step) + " must be a whole number");
    } else if (isInt && log && step != 1) {
      add(n + ": step " + show(step) + " must be 1 on a log scale");
    } else if (low < high) {
      double k = (high - low) / step;
      if (Math.abs(k - Math.rint(k)) > EPS * Math.max(1, k)) {
        add(
            n
                + ": step "
                + show(step)
                + " must divide high - low ("
                + show(high - low)
                + ") into whole steps");
      }
    }
  }

  private void condition(ParamSpec p, Map<String, ParamSpec> before, List<ParamSpec> space) {
    String n = p.name();
    String parent = p.parent();
    ParamSpec ps = before.get(parent);
    if (ps == null) {
      boolean later = space.stream().anyMatch(x -> x.name().equals(parent));
      add(
          n
              + ": depends on '"
              + parent
              + (later
                  ? "', which is declared after it; declare the parent first"
                  : "', which is not a parameter of the search"));
      return;
    }
    List<Object> values = p.parentValues() == null ? List.of() : p.parentValues();
    if (values.isEmpty()) {
      add(n + ": when('" + parent + "') needs at least one of its values");
    }
    if (!"categorical".equals(ps.kind())
        && !"int".equals(ps.kind())
        && !"quantized".equals(ps.kind())) {
      add(n + ": depends on '" + parent + "', which is continuous; a parent must be discrete");
      return;
    }
    for (Object v : values) {
      if (!possible(ps, v)) {
        add(
            n
                + ": depends on "
                + parent
                + " = "
                + Values.show(v)
                + ", which is not one of "
                + parent
                + "'s values"
                + ("categorical".equals(ps.kind()) ? " " + Values.show(ps.choices()) : ""));
      }
    }
  }

  /** Whether a discrete parameter can take {@code v}. */
  private static boolean possible(ParamSpec p, Object v) {
    if ("categorical".equals(p.kind())) {
      return p.choices() != null && p.choices().stream().anyMatch(x -> same(x, v));
    }
    if (!(v instanceof Number x) || p.low() == null || p.high() == null) {
      return false;
    }
    double step = p.step() == null ? 1 : p.step();
    double d = x.doubleValue();
    double k = (d - p.low()) / step;
    return d >= p.low() && d <= p.high() && Math.abs(k - Math.rint(k)) <= EPS * Math.max(1, k);
  }

  private void objective(SearchSpec s) {
    if (s.objective() == null) {
      add("objective: missing; name the metric to optimise with objective(metric, direction)");
      return;
    }
    String m = s.objective().metric();
    if (m == null || !(METRICS.contains(m) || FEATURE_METRIC.matcher(m).matches())) {
      add(
          "objective: metric "
              + Values.show(m)
              + " is not one the trainer logs at evaluations ("
              + String.join(", ", METRICS.stream().sorted().toList())
              + ", or fd_S, kid_S, diversity_S, novelty_nn_distance_S for a feature space S)");
    }
    if (s.objective().direction() == null) {
      add("objective: direction is missing; 'min' or 'max'");
    }
  }

  private void algorithm(SearchSpec s, Map<String, ParamSpec> space) {
    var a = s.algorithm();
    if (a == null) {
      add("algorithm: missing; grid(), random() or tpe()");
      return;
    }
    switch (a.name() == null ? "" : a.name()) {
      case "grid" -> {
        for (ParamSpec p : space.values()) {
          if ("uniform".equals(p.kind()) || "log_uniform".equals(p.kind())) {
            add(
                "grid: "
                    + p.name()
                    + " is continuous ("
                    + p.kind()
                    + "); a grid takes categorical, int and quantized parameters");
          }
        }
      }
      case "random" -> {}
      case "tpe" -> {
        if (a.startupTrials() < 1) {
          add("tpe: startup_trials " + a.startupTrials() + " must be at least 1");
        }
        if (a.candidates() < 1) {
          add("tpe: candidates " + a.candidates() + " must be at least 1");
        }
      }
      default -> add("algorithm: " + Values.show(a.name()) + " is not one of [grid, random, tpe]");
    }
  }

  private void budget(BudgetSpec b, EarlyStoppingSpec e, Map<String, Object> partial) {
    if (b == null) {
      add("budget: missing; budget(max_trials, max_parallel_trials)");
      return;
    }
    if (b.maxTrials() < 1) {
      add("budget: max_trials " + b.maxTrials() + " must be at least 1");
    }
    if (b.maxTrials() > Limits.MAX_TRIALS_PER_SWEEP) {
      add(
          "budget: max_trials "
              + b.maxTrials()
              + " must be at most "
              + Limits.MAX_TRIALS_PER_SWEEP);
    }
    if (b.maxParallelTrials() < 1) {
      add("budget: max_parallel_trials " + b.maxParallelTrials() + " must be at least 1");
    }
    if (b.maxParallelTrials() > Limits.MAX_PARALLEL_TRIALS) {
      add(
          "budget: max_parallel_trials "
              + b.maxParallelTrials()
              + " must be at most "
              + Limits.MAX_PARALLEL_TRIALS);
    }
    if (partial.containsKey("max_parallel_trials")) {
      add(
          "budget: max_parallel_trials is also set in partial(); give it once, in the search's"
              + " budget");
    }
    if (b.maxTrialSteps() < 0) {
      add("budget: max_trial_steps " + b.maxTrialSteps() + " must be 0 (no limit) or more");
    }
    if (b.maxWallSeconds() < 0) {
      add("budget: max_wall_seconds " + b.maxWallSeconds() + " must be 0 (no limit) or more");
    }
    if (e != null
        && !"none".equals(e.kind())
        && b.maxTrialSteps() > 0
        && b.maxTrialSteps() < e.minSteps()) {
      add(
          "budget: max_trial_steps "
              + b.maxTrialSteps()
              + " is smaller than one rung ("
              + e.kind()
              + " min_steps "
              + e.minSteps()
              + ")");
    }
  }

  /**
   * A trial reports only at its sample steps; a first rung between two of them is judged at the
   * next one, later than asked, so the rungs must fall on sample steps.
   */
  private void rungsAtEvaluations(EarlyStoppingSpec e, Map<String, Object> partial) {
    if (e == null
        || "none".equals(e.kind())
        || e.minSteps() < 1
        || !(partial.get("sample_every") instanceof Number every)
        || every.longValue() < 1) {
      return;
    }
    if (e.minSteps() % every.longValue() != 0) {
      add(
          e.kind()
              + ": min_steps "
              + e.minSteps()
              + " is not a multiple of sample_every "
              + every.longValue()
              + ": trials report only at sample steps, so rungs must fall on them");
    }
  }

  private void earlyStopping(EarlyStoppingSpec e, BudgetSpec b) {
    if (e == null || "none".equals(e.kind())) {
      return;
    }
    String k = e.kind();
    if (!"asha".equals(k) && !"hyperband".equals(k)) {
      add("early_stopping: " + Values.show(k) + " is not one of [none, asha, hyperband]");
      return;
    }
    if (e.minSteps() < 1) {
      add(k + ": min_steps " + e.minSteps() + " must be at least 1");
    }
    if (e.reductionFactor() < 2) {
      add(k + ": reduction_factor " + e.reductionFactor() + " must be at least 2");
    }
    if (e.maxSteps() < 1) {
      // ASHA's rungs need no end; Hyperband's brackets are counted between min_steps and it.
      if ("hyperband".equals(k) && e.brackets() == 0) {
        add(
            k
                + ": max_steps is unknown (partial()'s steps is not a number) and brackets is 0"
                + " (all that fit): give maxSteps(n) or a number of brackets");
      }
    } else if (e.minSteps() > e.maxSteps()) {
      add(
          k
              + ": min_steps "
              + e.minSteps()
              + " is above max_steps "
              + e.maxSteps()
              + ": no trial would reach the first rung");
    }
    if ("hyperband".equals(k) && e.brackets() < 0) {
      add(k + ": brackets " + e.brackets() + " must be 0 (all that fit) or more");
    }
  }

  private void stopRules(List<StopRuleSpec> rules) {
    for (StopRuleSpec r : rules) {
      String k = r.kind();
      String field = "stop_on_" + k;
      double t = r.threshold();
      switch (k == null ? "" : k) {
        case "divergence" -> {
          if (!(t >= 0 && t <= 1)) {
            add(field + ": loss_d floor " + show(t) + " must be in [0, 1]");
          }
        }
        case "mode_collapse" -> {
          if (!(t > 0 && t <= 1)) {
            add(field + ": fraction " + show(t) + " must be in (0, 1]");
          }
        }
        case "d_overpowering" -> {
          if (!(t > 0) || Double.isInfinite(t)) {
            add(field + ": gap " + show(t) + " must be above 0");
          }
        }
        case "no_improvement" -> {
          if (!(t >= 0) || Double.isInfinite(t)) {
            add(field + ": min_delta " + show(t) + " must be 0 or more");
          }
        }
        default -> {
          add(
              "stop rule "
                  + Values.show(k)
                  + " is not one of [divergence, mode_collapse, d_overpowering, no_improvement]");
          continue;
        }
      }
      if (r.evaluations() < 1) {
        add(field + ": evaluations " + r.evaluations() + " must be at least 1");
      }
    }
  }

  private void pbt(PbtSpec p, Map<String, ParamSpec> space, Map<String, Object> partial) {
    if (p.population() < 2) {
      add("pbt: population " + p.population() + " must be at least 2");
    }
    if (!(p.quantile() > 0 && p.quantile() <= 0.5)) {
      add("pbt: quantile " + show(p.quantile()) + " must be in (0, 0.5]");
    }
    Object steps = partial.get("steps");
    if (p.intervalSteps() <= 0) {
      add("pbt: interval_steps " + p.intervalSteps() + " must be above 0");
    } else if (steps instanceof Number n && p.intervalSteps() >= n.longValue()) {
      add(
          "pbt: interval_steps "
              + p.intervalSteps()
              + " must be below the trials' steps "
              + n.longValue());
    }
    List<Double> factors = p.perturbFactors() == null ? List.of() : p.perturbFactors();
    if (factors.isEmpty()) {
      add("pbt: perturb_factors is empty; give at least one, e.g. [0.8, 1.2]");
    }
    for (Double f : factors) {
      if (f == null || !(f > 0) || f.isInfinite()) {
        add("pbt: perturb factor " + Values.show(f) + " must be above 0");
      }
    }
    if (!(p.resampleProbability() >= 0 && p.resampleProbability() <= 1)) {
      add("pbt: resample_probability " + show(p.resampleProbability()) + " must be in [0, 1]");
    }
    for (String m : p.mutate() == null ? List.<String>of() : p.mutate()) {
      if (!space.containsKey(m)) {
        add("pbt: mutate names '" + m + "', which is not a parameter of the search");
      }
    }
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    return a != null && a.equals(b);
  }

  private static String show(double d) {
    return Values.number(d);
  }
}
