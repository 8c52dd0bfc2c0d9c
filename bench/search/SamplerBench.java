import dev.atelier.workflows.search.AlgorithmSpec;
import dev.atelier.workflows.search.BudgetSpec;
import dev.atelier.workflows.search.Direction;
import dev.atelier.workflows.search.EarlyStoppingSpec;
import dev.atelier.workflows.search.Evaluation;
import dev.atelier.workflows.search.Objective;
import dev.atelier.workflows.search.ParamSpec;
import dev.atelier.workflows.search.Sampler;
import dev.atelier.workflows.search.Samplers;
import dev.atelier.workflows.search.SearchSpec;
import dev.atelier.workflows.search.TrialState;
import dev.atelier.workflows.search.TrialView;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Our samplers on the benchmark functions (optuna_bench.py has the same functions in
 * Python): one JSON line per (function, sampler, seed) with the best-so-far regret after every
 * evaluation and the time of every ask. Run by bench/search.sh against workflows/target/classes.
 */
public class SamplerBench {
  static final Objective OBJ = new Objective("value", Direction.MINIMIZE, false);

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int seeds = Integer.parseInt(args[1]);
    int evals = Integer.parseInt(args[2]);
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      for (String fn : List.of("branin", "hartmann6", "noisy_branin")) {
        for (String sampler : List.of("random", "tpe_multivariate", "tpe_univariate")) {
          for (int seed = 0; seed < seeds; seed++) {
            w.println(run(fn, sampler, seed, evals));
          }
          System.err.println("java " + fn + " " + sampler + " done");
        }
      }
    }
  }

  static String run(String fn, String sampler, int seed, int evals) {
    List<ParamSpec> space = new ArrayList<>();
    if (fn.equals("hartmann6")) {
      for (int i = 0; i < 6; i++) {
        space.add(new ParamSpec("x" + i, "uniform", 0.0, 1.0, null, false, null, null, null));
      }
    } else {
      space.add(new ParamSpec("x0", "uniform", -5.0, 10.0, null, false, null, null, null));
      space.add(new ParamSpec("x1", "uniform", 0.0, 15.0, null, false, null, null, null));
    }
    String name = sampler.startsWith("tpe") ? "tpe" : "random";
    boolean multivariate = sampler.equals("tpe_multivariate");
    SearchSpec spec =
        new SearchSpec(
            space,
            OBJ,
            new AlgorithmSpec(name, 10, 24, multivariate, true),
            new BudgetSpec(evals, 1, 0, 0),
            EarlyStoppingSpec.NONE,
            List.of(),
            null,
            seed);
    Sampler s = Samplers.of(spec);
    SplittableRandom noise = new SplittableRandom(1000L + seed);
    List<TrialView> trials = new ArrayList<>();
    StringBuilder regrets = new StringBuilder();
    StringBuilder times = new StringBuilder();
    double bestSeen = Double.POSITIVE_INFINITY;
    double bestTrue = Double.POSITIVE_INFINITY;
    for (int i = 0; i < evals; i++) {
      long t0 = System.nanoTime();
      Map<String, Object> p = s.ask(trials);
      double ms = (System.nanoTime() - t0) / 1e6;
      double[] x = new double[space.size()];
      for (int j = 0; j < x.length; j++) {
        x[j] = (Double) p.get("x" + j);
      }
      double truth = fn.equals("hartmann6") ? hartmann6(x) : branin(x);
      double seen = fn.startsWith("noisy") ? truth + gaussian(noise) : truth;
      if (seen < bestSeen) {
        bestSeen = seen;
        bestTrue = truth;
      }
      trials.add(
          new TrialView(
              i, p, TrialState.COMPLETE, List.of(new Evaluation(1, Map.of("value", seen)))));
      double optimum = fn.equals("hartmann6") ? -3.32237 : 0.397887;
      regrets.append(i == 0 ? "" : ",").append(bestTrue - optimum);
      times.append(i == 0 ? "" : ",").append(String.format("%.4f", ms));
    }
    return String.format(
        "{\"side\":\"atelier\",\"function\":\"%s\",\"sampler\":\"%s\",\"seed\":%d,"
            + "\"regret\":[%s],\"ask_ms\":[%s]}",
        fn, sampler, seed, regrets, times);
  }

  static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  static double branin(double[] x) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double y = x[1] - b * x[0] * x[0] + c * x[0] - 6;
    return y * y + 10 * (1 - t) * Math.cos(x[0]) + 10;
  }

  static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
  static final double[][] A = {
    {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}
  };
  static final double[][] P = {
    {1312, 1696, 5569, 124, 8283, 5886},
    {2329, 4135, 8307, 3736, 1004, 9991},
    {2348, 1451, 3522, 2883, 3047, 6650},
    {4047, 8828, 8732, 5743, 1091, 381}
  };

  static double hartmann6(double[] x) {
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) {
        double d = x[j] - P[i][j] * 1e-4;
        inner += A[i][j] * d * d;
      }
      sum += ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  }
}
