package dev.atelier.workflows.bench;

import dev.atelier.workflows.search.AlgorithmSpec;
import dev.atelier.workflows.search.BudgetSpec;
import dev.atelier.workflows.search.Direction;
import dev.atelier.workflows.search.EarlyStoppingSpec;
import dev.atelier.workflows.search.Objective;
import dev.atelier.workflows.search.ParamSpec;
import dev.atelier.workflows.search.SearchSpec;
import dev.atelier.workflows.search.StopRuleDefaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated sweep both overhead benchmarks run (bench/overhead/optuna_overhead.py has the same
 * in Python): four hyperparameters, TPE (multivariate, constant liar), ASHA η=3 from step 100 over
 * trials of 1,000 steps evaluated every 100, and the four GAN-aware stop rules at their defaults.
 * The metrics are what a healthy trial logs, so every rule reads its inputs and none fires: the
 * pruner alone decides, and both sides do the same work at every report.
 */
public final class SweepSim {
  private SweepSim() {}

  public static final long EVERY = 100;
  public static final long STEPS = 1000;
  public static final String METRIC = "fd_rgb8";

  public static SearchSpec spec(int maxTrials, int parallel, long seed) {
    return new SearchSpec(
        List.of(
            new ParamSpec("lr", "log_uniform", 1e-5, 1e-2, null, false, null, null, null),
            new ParamSpec("beta1", "uniform", 0.0, 0.9, null, false, null, null, null),
            new ParamSpec("latent", "int", 64.0, 256.0, null, false, null, null, null),
            new ParamSpec(
                "loss",
                "categorical",
                null,
                null,
                null,
                false,
                List.of("bce", "hinge"),
                null,
                null)),
        new Objective(METRIC, Direction.MINIMIZE, false),
        new AlgorithmSpec("tpe", 10, 24, true, true),
        new BudgetSpec(maxTrials, parallel, 0, 0),
        new EarlyStoppingSpec("asha", 100, 3, STEPS, 0),
        StopRuleDefaults.KINDS.stream().map(StopRuleDefaults::of).toList(),
        null,
        seed);
  }

  /**
   * What a trial with these hyperparameters logs at {@code step}: the objective converges to a
   * value set by the hyperparameters (so a trial's rank is the same at every rung), the other
   * metrics are a healthy GAN's.
   */
  public static Map<String, Double> metrics(Map<String, Object> p, long step) {
    double lr = ((Number) p.get("lr")).doubleValue();
    double beta1 = ((Number) p.get("beta1")).doubleValue();
    double latent = ((Number) p.get("latent")).doubleValue();
    double base =
        Math.abs(Math.log10(lr) + 3.5) * 10
            + 2 * beta1
            + Math.abs(latent - 128) / 64
            + ("hinge".equals(p.get("loss")) ? 0.5 : 0.0);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(METRIC, base + 100.0 / step);
    m.put("loss_d_avg", 0.7);
    m.put("d_real_avg", 1.0);
    m.put("d_fake_avg", -1.0);
    m.put("diversity_rgb8", 0.8);
    m.put("diversity_real_rgb8", 1.0);
    return m;
  }
}
