package dev.atelier.bench.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * Command-line options of {@link EngineBench}; {@code ./bench/engine.sh} fills in the services.
 *
 * @param scenarios any of {@code latency}, {@code fanout}, {@code mapped}, {@code sleep}
 */
record BenchOptions(
    String temporalTarget,
    String namespace,
    String dbUrl,
    String dbUser,
    String dbPassword,
    long temporalPid,
    int runs,
    int warmup,
    List<String> scenarios,
    Path out) {

  static final String USAGE =
      "usage: EngineBench --temporal HOST:PORT --db-url JDBC_URL [--db-user U] [--db-password P]"
          + " [--namespace NS] [--temporal-pid PID] [--runs N] [--warmup N]"
          + " [--scenarios latency,fanout,mapped,sleep] [--fanout-tasks N] [--map-size N]"
          + " [--sleep-map-size N] [--sleep-ms MS] --out results.json";

  static BenchOptions parse(String[] args) {
    String temporal = null;
    String namespace = "atelier-bench";
    String dbUrl = null;
    String dbUser = "postgres";
    String dbPassword = "postgres";
    long pid = 0;
    int runs = 30;
    int warmup = 3;
    List<String> scenarios = List.of("latency", "fanout", "mapped", "sleep");
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + ": a value is missing\n" + USAGE);
      }
      String v = args[++i];
      switch (name) {
        case "--temporal" -> temporal = v;
        case "--namespace" -> namespace = v;
        case "--db-url" -> dbUrl = v;
        case "--db-user" -> dbUser = v;
        case "--db-password" -> dbPassword = v;
        case "--temporal-pid" -> pid = Long.parseLong(v);
        case "--runs" -> runs = positive(name, v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--scenarios" -> scenarios = List.of(v.split(","));
        case "--fanout-tasks" -> property("atelier.bench.fanoutTasks", name, v, 3);
        case "--map-size" -> property("atelier.bench.mapSize", name, v, 1);
        case "--sleep-map-size" -> property("atelier.bench.sleepMapSize", name, v, 1);
        case "--sleep-ms" -> property("atelier.bench.sleepMillis", name, v, 1);
        case "--out" -> out = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    for (String s : scenarios) {
      if (!List.of("latency", "fanout", "mapped", "sleep").contains(s)) {
        throw new IllegalArgumentException(
            "--scenarios: '" + s + "' is not one of [latency, fanout, mapped, sleep]");
      }
    }
    if (temporal == null || dbUrl == null || out == null) {
      throw new IllegalArgumentException("--temporal, --db-url and --out are required\n" + USAGE);
    }
    return new BenchOptions(
        temporal, namespace, dbUrl, dbUser, dbPassword, pid, runs, warmup, scenarios, out);
  }

  private static int positive(String name, String v) {
    int n = Integer.parseInt(v);
    if (n < 1) {
      throw new IllegalArgumentException(name + ": " + v + " must be at least 1");
    }
    return n;
  }

  private static void property(String key, String name, String v, int min) {
    int n = Integer.parseInt(v);
    if (n < min) {
      throw new IllegalArgumentException(name + ": " + v + " must be at least " + min);
    }
    System.setProperty(key, v);
  }
}
