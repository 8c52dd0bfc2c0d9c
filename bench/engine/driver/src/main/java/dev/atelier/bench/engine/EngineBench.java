package dev.atelier.bench.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBag;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine benchmark's entry point (see {@code bench/README.md}): sets up a database and a
 * Temporal namespace of its own, starts the worker in this process, runs the chosen scenarios and
 * writes their figures as JSON for {@code bench/engine_report.py}.
 */
public final class EngineBench {
  private EngineBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions opts;
    try {
      opts = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("engine-bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    // After the options: the Dags read their sizes from system properties when loaded.
    DagBag bag = DagBag.load();
    List<Dag> dags = new ArrayList<>();
    for (String id :
        List.of(BenchDags.TRIGGER, BenchDags.FANOUT, BenchDags.MAPPED, BenchDags.MAPPED_SLEEP)) {
      dags.add(bag.get(id).orElseThrow());
    }
    String tag = Long.toString(Instant.now().getEpochSecond(), 36);
    Map<String, Object> out = new LinkedHashMap<>();
    try (BenchDatabase db = BenchDatabase.recreate(opts.dbUrl(), opts.dbUser(), opts.dbPassword());
        BenchTemporal temporal = new BenchTemporal(opts.temporalTarget(), opts.namespace())) {
      db.register(dags);
      // No benchmark Dag trains or logs to MLflow; the worker only needs an address to build with.
      java.nio.file.Path trials = Files.createTempDirectory("engine-bench");
      trials.toFile().deleteOnExit();
      temporal.startWorker(db.dataSource(), "http://127.0.0.1:9", trials);
      out.put("temporal_server_version", temporal.serverVersion());
      out.put("temporal_sdk_version", io.temporal.serviceclient.Version.LIBRARY_VERSION);
      out.put("namespace", opts.namespace());
      out.put("database", BenchDatabase.NAME);
      out.put("postgres_version", db.serverVersion());
      Trigger trigger = new Trigger(db.dataSource(), temporal.client());
      CpuMeter cpu = new CpuMeter(opts.temporalPid());
      LatencyScenario latency = new LatencyScenario(trigger, temporal.client(), db);
      OverheadScenario overhead = new OverheadScenario(trigger, temporal.client(), cpu);
      if (!opts.scenarios().contains("latency")) {
        say("warming up (%d runs of %s)", opts.warmup(), BenchDags.TRIGGER);
        latency.run(dags.get(0), opts.warmup(), 1, tag + "w");
      }
      for (String scenario : opts.scenarios()) {
        Map<String, Object> r;
        switch (scenario) {
          case "latency" -> {
            say("trigger to first task: %d runs after %d warm-up", opts.runs(), opts.warmup());
            cpu.start();
            r = latency.run(dags.get(0), opts.warmup(), opts.runs(), tag);
            r.put("cpu", cpu.stop());
          }
          case "fanout" -> {
            int n = BenchDags.fanoutTasks();
            say("%d no-op tasks, fan-out then fan-in", n);
            r = overhead.run(dags.get(1), "manual__bench_" + tag + "_fanout", n, 0);
          }
          case "mapped" -> {
            int m = BenchDags.mapSize();
            say("a %d-way mapped no-op task and its reduce", m);
            String runId = "manual__bench_" + tag + "_mapped";
            r = overhead.run(dags.get(2), runId, m + 1, 0);
            checkSum(db, BenchDags.MAPPED, runId, m);
          }
          default -> {
            int m = BenchDags.sleepMapSize();
            long ms = BenchDags.sleepMillis();
            int slots = dags.get(3).maxActiveTasks();
            double ideal = Math.ceil((double) m / slots) * ms / 1000.0;
            say("a %d-way mapped task of %d ms each (ideal %.1f s)", m, ms, ideal);
            String runId = "manual__bench_" + tag + "_sleep";
            r = overhead.run(dags.get(3), runId, m + 1, ideal);
            checkSum(db, BenchDags.MAPPED_SLEEP, runId, m);
            r.put("sleep_ms", ms);
          }
        }
        say("  %s", summary(r));
        out.put(scenario, r);
      }
      // Any finished run will do as the parent row of the probe's instances.
      Stats write =
          BookkeepingProbe.time(db.dataSource(), BenchDags.TRIGGER, aTriggerRun(tag, opts), 200);
      say("one task-instance write without Temporal: %.1f ms median", write.median());
      out.put("bookkeeping_write_direct_ms", write);
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    json.writeValue(opts.out().toFile(), out);
    System.exit(0); // the SDK's and the pool's non-daemon threads would keep the JVM alive
  }

  /** Every instance ran once and its result reached the reduce: total = 0 + 1 + ... + (m - 1). */
  private static void checkSum(BenchDatabase db, String dagId, String runId, int m)
      throws Exception {
    String total = db.xcom(dagId, runId, "total");
    long expected = (long) m * (m - 1) / 2;
    if (total == null || Long.parseLong(total.trim()) != expected) {
      throw new IllegalStateException(
          runId
              + ": total recorded "
              + total
              + ", expected the sum of 0.."
              + (m - 1)
              + " = "
              + expected);
    }
  }

  private static String aTriggerRun(String tag, BenchOptions opts) {
    return opts.scenarios().contains("latency")
        ? "manual__bench_" + tag + "_0"
        : "manual__bench_" + tag + "w_0";
  }

  private static String summary(Map<String, Object> r) {
    if (r.containsKey("first_task_called_ms")) {
      Stats s = (Stats) r.get("first_task_called_ms");
      return String.format("first task after %.0f ms median, %.0f ms p90", s.median(), s.p90());
    }
    return String.format(
        "%.1f s wall, %.1f ms per task, %.1f tasks/s",
        (double) r.get("wall_s"), (double) r.get("overhead_per_task_ms"), r.get("tasks_per_s"));
  }

  private static void say(String format, Object... args) {
    System.out.println("engine-bench: " + String.format(format, args));
    System.out.flush();
  }
}
