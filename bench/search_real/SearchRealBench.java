import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atelier.workflows.search.AlgorithmSpec;
import dev.atelier.workflows.search.BudgetSpec;
import dev.atelier.workflows.search.Direction;
import dev.atelier.workflows.search.EarlyStoppingSpec;
import dev.atelier.workflows.search.Evaluation;
import dev.atelier.workflows.search.Objective;
import dev.atelier.workflows.search.ParamSpec;
import dev.atelier.workflows.search.Pruner;
import dev.atelier.workflows.search.Pruners;
import dev.atelier.workflows.search.Sampler;
import dev.atelier.workflows.search.Samplers;
import dev.atelier.workflows.search.SearchSpec;
import dev.atelier.workflows.search.TrialState;
import dev.atelier.workflows.search.TrialView;
import dev.atelier.workflows.search.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 11, benchmark 2: random search, TPE, and TPE with ASHA on the real trainer, each given the
 * same budget of trial-steps, with the same search space and seeds. A strategy runs its trials one
 * after another as local trainer processes (the trainer CLI as the local launcher runs it, under
 * {@code nice -n 10}); the driver reads each trial's {@code sample_metrics.jsonl} while it runs,
 * feeds every evaluation to our pruner (ASHA only) and, when the pruner says stop, sends SIGTERM:
 * the trainer finishes its step, checkpoints and exits 75. The steps a trial trained are read from
 * its {@code result.json} ({@code last_step}), so the few steps between the verdict and the stop
 * are counted too. Every evaluation becomes a line of {@code evaluations.csv} with the strategy's
 * cumulative trial-steps at that point; {@code trials.csv} has one line per trial.
 *
 * <p>Quality runs on the training thread ({@code quality.background: false}) so the evaluation at
 * a rung arrives at the rung's step, not a few steps later, and the stop lands close to it.
 */
public class SearchRealBench {
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  static final Objective KID = new Objective("kid_rgb8", Direction.MINIMIZE, true);

  /** The run's fixed settings; see bench/README.md, "Searching on the real trainer". */
  record Setup(
      Path out,
      List<String> trainer,
      String dataset,
      long seed,
      long steps,
      int fullTrials,
      long firstRung,
      int eta,
      int startupTrials,
      int threads,
      List<String> strategies) {
    long budget() {
      return steps * fullTrials;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Setup s =
        new Setup(
            Path.of(a.get("out")),
            List.of(a.get("trainer").split(" ")),
            a.get("dataset"),
            Long.parseLong(a.getOrDefault("seed", "0")),
            Long.parseLong(a.getOrDefault("steps", "400")),
            Integer.parseInt(a.getOrDefault("trials", "10")),
            Long.parseLong(a.getOrDefault("first-rung", "100")),
            Integer.parseInt(a.getOrDefault("eta", "3")),
            Integer.parseInt(a.getOrDefault("startup", "4")),
            Integer.parseInt(a.getOrDefault("threads", "1")),
            List.of(a.getOrDefault("strategies", "random,tpe,tpe_asha").split(",")));
    Files.createDirectories(s.out());
    // The strategies run side by side, each its trials one at a time: the measure is trial-steps,
    // which neither the others nor the machine's load change, so this only shortens the wall time.
    ExecutorService pool = Executors.newFixedThreadPool(s.strategies().size());
    List<Future<?>> done = new ArrayList<>();
    for (String strategy : s.strategies()) {
      done.add(
          pool.submit(
              () -> {
                runStrategy(s, strategy);
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
  }

  static SearchSpec spec(Setup s, String strategy) {
    List<ParamSpec> space =
        List.of(
            new ParamSpec("lr", "log_uniform", 5e-5, 5e-3, null, false, null, null, null),
            new ParamSpec("beta1", "uniform", 0.0, 0.9, null, false, null, null, null),
            new ParamSpec(
                "loss", "categorical", null, null, null, false, List.of("bce", "hinge"), null,
                null),
            new ParamSpec(
                "latent_dim", "categorical", null, null, null, false, List.of(32, 64, 128), null,
                null));
    AlgorithmSpec algorithm =
        strategy.equals("random")
            ? new AlgorithmSpec("random", 0, 0, false, false)
            : new AlgorithmSpec("tpe", s.startupTrials(), 24, true, true);
    EarlyStoppingSpec stopping =
        strategy.endsWith("_asha")
            ? new EarlyStoppingSpec("asha", s.firstRung(), s.eta(), s.steps(), 0)
            : EarlyStoppingSpec.NONE;
    return new SearchSpec(
        space,
        KID,
        algorithm,
        new BudgetSpec(1000, 1, s.budget(), 0),
        stopping,
        List.of(),
        null,
        s.seed());
  }

  static void runStrategy(Setup s, String strategy) throws Exception {
    SearchSpec spec = spec(s, strategy);
    Sampler sampler = Samplers.of(spec);
    Pruner pruner = Pruners.of(spec);
    Path dir = s.out().resolve(strategy);
    Files.createDirectories(dir);
    List<TrialView> trials = new ArrayList<>();
    long cumulative = 0;
    try (PrintWriter evals =
            new PrintWriter(Files.newBufferedWriter(dir.resolve("evaluations.csv")));
        PrintWriter rows = new PrintWriter(Files.newBufferedWriter(dir.resolve("trials.csv")))) {
      evals.println("strategy,seed,trial,step,cumulative_trial_steps,kid_rgb8,fd_rgb8");
      rows.println(
          "strategy,seed,trial,state,steps_trained,exit_code,best_kid_rgb8,wall_seconds,params,"
              + "stop_detail");
      for (int id = 0; cumulative < s.budget(); id++) {
        Map<String, Object> params = sampler.ask(trials);
        trials.add(new TrialView(id, params, TrialState.RUNNING, List.of()));
        long started = System.nanoTime();
        Trial t = runTrial(s, strategy, dir, id, params, trials, pruner, cumulative, evals);
        double wall = (System.nanoTime() - started) / 1e9;
        cumulative += t.stepsTrained();
        trials.set(id, new TrialView(id, params, t.state(), t.evaluations()));
        OptionalDouble best = KID.valueOf(t.evaluations());
        rows.printf(
            "%s,%d,%d,%s,%d,%d,%s,%.1f,\"%s\",\"%s\"%n",
            strategy,
            s.seed(),
            id,
            t.state(),
            t.stepsTrained(),
            t.exitCode(),
            best.isPresent() ? best.getAsDouble() : "",
            wall,
            JSON.writeValueAsString(params).replace("\"", "'"),
            t.detail().replace("\"", "'"));
        rows.flush();
        System.err.printf(
            "[%s seed %d] trial %d %s after %d steps (%.0f s; %d of %d trial-steps) %s%n",
            strategy, s.seed(), id, t.state(), t.stepsTrained(), wall, cumulative, s.budget(),
            params);
      }
    }
  }

  record Trial(
      TrialState state,
      long stepsTrained,
      int exitCode,
      List<Evaluation> evaluations,
      String detail) {}

  static Trial runTrial(
      Setup s,
      String strategy,
      Path dir,
      int id,
      Map<String, Object> params,
      List<TrialView> trials,
      Pruner pruner,
      long before,
      PrintWriter evals)
      throws Exception {
    Path trialDir = dir.resolve(String.format("trial_%03d", id));
    if (Files.exists(trialDir)) {
      try (var walk = Files.walk(trialDir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Path output = trialDir.resolve("out");
    Files.createDirectories(output);
    Path specFile = trialDir.resolve("spec.json");
    ObjectNode trainerSpec = trainerSpec(s, strategy, id, params, output);
    Files.writeString(
        specFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(trainerSpec));
    List<String> cmd = new ArrayList<>(List.of("nice", "-n", "10"));
    cmd.addAll(s.trainer());
    cmd.add(specFile.toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(trialDir.resolve("log.txt").toFile());
    Process p = pb.start();
    Path metrics = output.resolve("sample_metrics.jsonl");
    List<Evaluation> seen = new ArrayList<>();
    String detail = "";
    boolean pruned = false;
    boolean stopped = false;
    while (true) {
      boolean exited = p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      for (Evaluation e : newEvaluations(metrics, seen.size())) {
        seen.add(e);
        Double kid = e.metrics().get("kid_rgb8");
        Double fd = e.metrics().get("fd_rgb8");
        evals.printf(
            "%s,%d,%d,%d,%d,%s,%s%n",
            strategy, s.seed(), id, e.step(), before + e.step(), kid == null ? "" : kid,
            fd == null ? "" : fd);
        evals.flush();
        if (stopped || exited) {
          continue;
        }
        TrialView now = new TrialView(id, params, TrialState.RUNNING, List.copyOf(seen));
        trials.set(id, now);
        Verdict v = pruner.judge(now, trials);
        if (v.stops()) {
          pruned = true;
          stopped = true;
          detail = v.detail();
          p.destroy(); // SIGTERM: the trainer finishes its step, checkpoints and exits 75
        } else if (before + e.step() >= s.budget() && e.step() < s.steps()) {
          stopped = true;
          detail = "the strategy's trial-step budget is spent";
          p.destroy();
        }
      }
      if (exited) {
        break;
      }
    }
    int rc = p.exitValue();
    long trained = stepsTrained(output, seen);
    TrialState state =
        pruned
            ? TrialState.PRUNED
            : (rc == 0 || (stopped && rc == 75)) ? TrialState.COMPLETE : TrialState.FAILED;
    if (state == TrialState.FAILED && detail.isEmpty()) {
      detail = "trainer exit " + rc + " (log: " + trialDir.resolve("log.txt") + ")";
    }
    return new Trial(state, trained, rc, List.copyOf(seen), detail);
  }

  /** result.json's last_step; progress.json's step, or the last evaluation, when it has none. */
  static long stepsTrained(Path output, List<Evaluation> seen) throws IOException {
    for (String name : List.of("result.json", "progress.json")) {
      Path f = output.resolve(name);
      if (Files.exists(f)) {
        JsonNode n = JSON.readTree(f.toFile());
        for (String key : List.of("last_step", "step")) {
          if (n.has(key)) {
            return n.get(key).asLong();
          }
        }
      }
    }
    return seen.isEmpty() ? 0 : seen.get(seen.size() - 1).step();
  }

  /** Complete lines past the first {@code known}; a line still being written waits a poll. */
  static List<Evaluation> newEvaluations(Path metrics, int known) throws IOException {
    if (!Files.exists(metrics)) {
      return List.of();
    }
    String text = Files.readString(metrics);
    String[] lines = text.split("\n", -1);
    List<Evaluation> out = new ArrayList<>();
    // The last element is "" after a final newline, or a partial line: skipped either way.
    for (int i = known; i < lines.length - 1; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(lines[i]);
      Map<String, Double> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> f : n.properties()) {
        if (f.getValue().isNumber()) {
          m.put(f.getKey(), f.getValue().asDouble());
        } else if (f.getValue().isTextual() && f.getValue().asText().matches("-?(NaN|Infinity)")) {
          m.put(f.getKey(), Double.parseDouble(f.getValue().asText()));
        }
      }
      out.add(new Evaluation(n.get("step").asLong(), m));
    }
    return out;
  }

  static ObjectNode trainerSpec(
      Setup s, String strategy, int id, Map<String, Object> params, Path output) {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("trial_id", "search_real/seed" + s.seed() + "/" + strategy + "/" + id);
    spec.put("model", "dcgan32");
    spec.putObject("dataset").put("path", s.dataset()).put("image_size", 32);
    ObjectNode hp = spec.putObject("hyperparams");
    hp.put("lr", ((Number) params.get("lr")).doubleValue());
    hp.put("beta1", ((Number) params.get("beta1")).doubleValue());
    hp.put("loss", (String) params.get("loss"));
    hp.put("latent_dim", ((Number) params.get("latent_dim")).intValue());
    // Fixed: small widths so a trial is a few hundred steps a minute on a shared 2-core machine;
    // batch 32, EMA, mirror and translation as in the demo's emoji_gan_search.
    hp.put("batch_size", 32);
    hp.put("steps", s.steps());
    hp.put("g_width", 16);
    hp.put("d_width", 16);
    hp.put("ema_decay", 0.999);
    ObjectNode augment = spec.putObject("augment");
    augment.put("mirror", true);
    augment.putArray("diffaug").add("translation");
    // One training seed for every trial of every strategy: trials differ by their parameters only.
    spec.put("seed", 42 + s.seed());
    spec.putObject("probe").put("seed", 1234);
    spec.put("sample_every", 100);
    spec.put("threads", s.threads());
    spec.put("keep_best_by", "kid_rgb8");
    spec.putObject("quality").put("background", false);
    spec.put("output_dir", output.toAbsolutePath().toString());
    return spec;
  }
}
