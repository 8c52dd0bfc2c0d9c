package dev.atelier.bench.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the benchmark's task functions report about themselves. They run in this JVM (the worker is
 * in-process), so {@link System#nanoTime()} compares directly with the driver's clock.
 */
final class Probe {
  private static final Map<String, Long> FIRST_CALL = new ConcurrentHashMap<>();
  private static final Map<String, long[]> TASK_CALLS = new ConcurrentHashMap<>();
  private static final LongAdder CALLS = new LongAdder();
  private static final LongAdder BUSY_NANOS = new LongAdder();

  private Probe() {}

  /**
   * A task function of the run started now. Keeps the run's first call, and per task the first and
   * last call; tasks named {@code name_NNN} count as one group {@code name_*}.
   */
  static void started(String runId, String taskId) {
    long now = System.nanoTime();
    FIRST_CALL.putIfAbsent(runId, now);
    String group = runId + "/" + taskId.replaceAll("_\\d+$", "_*");
    TASK_CALLS.merge(
        group,
        new long[] {now, now},
        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
  }

  /**
   * Per task (or group) of the run: seconds from {@code t0} to its first and its last call, in the
   * order the tasks first started.
   */
  static Map<String, double[]> taskCalls(String runId, long t0) {
    Map<String, double[]> out = new java.util.TreeMap<>();
    TASK_CALLS.forEach(
        (key, v) -> {
          if (key.startsWith(runId + "/")) {
            out.put(
                key.substring(runId.length() + 1),
                new double[] {(v[0] - t0) / 1e9, (v[1] - t0) / 1e9});
          }
        });
    Map<String, double[]> ordered = new java.util.LinkedHashMap<>();
    out.entrySet().stream()
        .sorted(java.util.Comparator.comparingDouble(e -> e.getValue()[0]))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  /** One task function call took {@code nanos} of its own time. */
  static void ran(long nanos) {
    CALLS.increment();
    BUSY_NANOS.add(nanos);
  }

  static Long firstCall(String runId) {
    return FIRST_CALL.get(runId);
  }

  static long calls() {
    return CALLS.sum();
  }

  static long busyNanos() {
    return BUSY_NANOS.sum();
  }

  static void reset() {
    CALLS.reset();
    BUSY_NANOS.reset();
  }
}
