package dev.atelier.bench.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The driver's command line; {@code bench/cluster.sh} passes most of it. */
record BenchOptions(
    Path kubeconfig,
    Path adminKubeconfig,
    String namespace,
    String queue,
    List<String> scenarios,
    int runs,
    int warmup,
    long pollMs,
    String latencyRunFor,
    int trials,
    String runFor,
    int gpus,
    long waitPollMs,
    long sampleMs,
    Path out,
    Path events,
    Map<String, Path> components) {

  static final List<String> SCENARIOS = List.of("latency", "queue");

  static BenchOptions parse(String[] args) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("--namespace", "atelier");
    v.put("--queue", "atelier");
    v.put("--scenarios", "latency,queue");
    v.put("--runs", "30");
    v.put("--warmup", "3");
    v.put("--poll-ms", "100");
    v.put("--latency-run-for", "1s");
    v.put("--trials", "100");
    v.put("--run-for", "2s");
    v.put("--gpus", "1");
    v.put("--wait-poll-ms", "1000");
    v.put("--sample-ms", "250");
    Map<String, Path> components = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + ": needs a value");
      }
      String value = args[++i];
      if (name.equals("--component")) {
        int eq = value.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("--component: '" + value + "' must be NAME=PIDFILE");
        }
        components.put(value.substring(0, eq), Path.of(value.substring(eq + 1)));
        continue;
      }
      if (!v.containsKey(name)
          && !List.of("--kubeconfig", "--admin-kubeconfig", "--out", "--events").contains(name)) {
        throw new IllegalArgumentException(name + ": unknown option");
      }
      v.put(name, value);
    }
    for (String required : List.of("--kubeconfig", "--admin-kubeconfig", "--out", "--events")) {
      if (!v.containsKey(required)) {
        throw new IllegalArgumentException(required + ": required");
      }
    }
    List<String> scenarios = new ArrayList<>();
    for (String s : v.get("--scenarios").split(",")) {
      if (!SCENARIOS.contains(s.strip())) {
        throw new IllegalArgumentException("--scenarios: '" + s + "' is not one of " + SCENARIOS);
      }
      scenarios.add(s.strip());
    }
    BenchOptions o =
        new BenchOptions(
            Path.of(v.get("--kubeconfig")),
            Path.of(v.get("--admin-kubeconfig")),
            v.get("--namespace"),
            v.get("--queue"),
            scenarios,
            positive(v, "--runs"),
            Integer.parseInt(v.get("--warmup")),
            positive(v, "--poll-ms"),
            v.get("--latency-run-for"),
            positive(v, "--trials"),
            v.get("--run-for"),
            positive(v, "--gpus"),
            positive(v, "--wait-poll-ms"),
            positive(v, "--sample-ms"),
            Path.of(v.get("--out")),
            Path.of(v.get("--events")),
            components);
    return o;
  }

  private static int positive(Map<String, String> v, String name) {
    int n;
    try {
      n = Integer.parseInt(v.get(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": '" + v.get(name) + "' must be a whole number");
    }
    if (n < 1) {
      throw new IllegalArgumentException(name + ": " + n + " must be at least 1");
    }
    return n;
  }
}
