package dev.atelier.bench.engine;

/**
 * Sizes of the benchmark's Dags, read when the worker's DagBag loads them (system properties set by
 * the driver from its options before the worker starts).
 */
final class BenchDags {
  static final String TRIGGER = "bench_trigger";
  static final String FANOUT = "bench_fanout";
  static final String MAPPED = "bench_mapped";
  static final String MAPPED_SLEEP = "bench_mapped_sleep";

  private BenchDags() {}

  static int fanoutTasks() {
    return Integer.getInteger("atelier.bench.fanoutTasks", 500);
  }

  static int mapSize() {
    return Integer.getInteger("atelier.bench.mapSize", 1000);
  }

  static int sleepMapSize() {
    return Integer.getInteger("atelier.bench.sleepMapSize", 1000);
  }

  static long sleepMillis() {
    return Long.getLong("atelier.bench.sleepMillis", 1000);
  }
}
