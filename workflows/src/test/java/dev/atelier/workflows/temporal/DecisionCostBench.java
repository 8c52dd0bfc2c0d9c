package dev.atelier.workflows.temporal;

import dev.atelier.workflows.bench.SweepSim;
import dev.atelier.workflows.search.Evaluation;
import dev.atelier.workflows.search.Pruner;
import dev.atelier.workflows.search.Pruners;
import dev.atelier.workflows.search.Sampler;
import dev.atelier.workflows.search.Samplers;
import dev.atelier.workflows.search.SearchSpec;
import dev.atelier.workflows.search.StopRule;
import dev.atelier.workflows.search.TrialState;
import dev.atelier.workflows.search.TrialView;
import dev.atelier.workflows.search.Verdict;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sweep's decisions without Temporal: a simulated sweep of N trials, 3 at a time, each
 * reporting up to 10 evaluations in turn (round robin over the running ones); a trial that ends or
 * is pruned frees its slot, which the next {@code ask} fills. Each report is judged the way {@code
 * SearchingSweep.hear} judges it, on the sweep's own {@link SweepMember}s — the reporting trial's
 * view, every trial's view, the stop rules, then the pruner — and each ask is {@code
 * sampler.ask(views())} as in {@code startWhatFits}. (In this package for {@code SweepMember}.) One
 * JSON line per (N, seed): every report's and every ask's time in ms, and the report time split
 * into views / rules / pruner. Usage: {@code DecisionCostBench out.jsonl seeds 25,50,100}.
 */
public final class DecisionCostBench {
  private DecisionCostBench() {}

  static final int PARALLEL = 3;

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int seeds = Integer.parseInt(args[1]);
    int[] sizes = java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
    // The JIT's warm-up, not recorded: a real worker has judged many reports before this one.
    for (int seed = 0; seed < 3; seed++) {
      run(100, 1000 + seed);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      for (int n : sizes) {
        for (int seed = 0; seed < seeds; seed++) {
          w.println(run(n, seed));
        }
        System.err.println("java N=" + n + " done");
      }
    }
  }

  static String run(int n, long seed) {
    SearchSpec spec = SweepSim.spec(n, PARALLEL, seed);
    Sampler sampler = Samplers.of(spec);
    Pruner pruner = Pruners.of(spec);
    List<StopRule> rules = Pruners.stopRules(spec);
    List<SweepMember> members = new ArrayList<>();
    List<SweepMember> active = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    StringBuilder views = new StringBuilder();
    StringBuilder ruleMs = new StringBuilder();
    StringBuilder prunerMs = new StringBuilder();
    StringBuilder ask = new StringBuilder();
    int pruned = 0;
    fill(sampler, members, active, n, ask);
    while (!active.isEmpty()) {
      for (SweepMember m : List.copyOf(active)) {
        long step = (m.evaluations.size() + 1) * SweepSim.EVERY;
        m.add(List.of(new Evaluation(step, SweepSim.metrics(m.params, step))));
        long t0 = System.nanoTime();
        TrialView trial = m.view();
        List<TrialView> all = viewsOf(members);
        long t1 = System.nanoTime();
        Verdict v = Verdict.CONTINUE;
        for (StopRule rule : rules) {
          v = rule.judge(trial);
          if (v.stops()) {
            break;
          }
        }
        long t2 = System.nanoTime();
        if (!v.stops()) {
          v = pruner.judge(trial, all);
        }
        long t3 = System.nanoTime();
        append(report, t3 - t0);
        append(views, t1 - t0);
        append(ruleMs, t2 - t1);
        append(prunerMs, t3 - t2);
        if (v.stops() || step >= SweepSim.STEPS) {
          m.state = v.stops() ? TrialState.PRUNED : TrialState.COMPLETE;
          pruned += v.stops() ? 1 : 0;
          active.remove(m);
          fill(sampler, members, active, n, ask);
        }
      }
    }
    return String.format(
        "{\"side\":\"atelier\",\"trials\":%d,\"seed\":%d,\"pruned\":%d,\"report_ms\":[%s],"
            + "\"views_ms\":[%s],\"rules_ms\":[%s],\"pruner_ms\":[%s],\"ask_ms\":[%s]}",
        n, seed, pruned, report, views, ruleMs, prunerMs, ask);
  }

  /** Starts trials while a slot is free and the budget has room, timing each ask. */
  private static void fill(
      Sampler sampler,
      List<SweepMember> members,
      List<SweepMember> active,
      int n,
      StringBuilder ask) {
    while (active.size() < PARALLEL && members.size() < n) {
      long t0 = System.nanoTime();
      Map<String, Object> params = sampler.ask(viewsOf(members));
      append(ask, System.nanoTime() - t0);
      SweepMember m = new SweepMember(members.size(), params, null, null);
      members.add(m);
      active.add(m);
    }
  }

  private static List<TrialView> viewsOf(List<SweepMember> members) {
    List<TrialView> views = new ArrayList<>(members.size());
    for (SweepMember m : members) {
      views.add(m.view());
    }
    return views;
  }

  private static void append(StringBuilder sb, long nanos) {
    sb.append(sb.length() == 0 ? "" : ",").append(String.format("%.6f", nanos / 1e6));
  }
}
