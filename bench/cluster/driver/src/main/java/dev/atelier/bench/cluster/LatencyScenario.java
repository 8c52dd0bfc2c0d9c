package dev.atelier.bench.cluster;

import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.JobManifest;
import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.activities.jobs.JobState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trial Job created → pod running, one trial at a time. Each round runs every {@link Variant} once,
 * in an order that rotates from round to round, so a change in the machine's load falls on all of
 * them alike. A trial is timed from just before the launch (or create) call to the end of the first
 * poll that sees its pod running (or already finished); polls come every {@code pollMs}. Then the
 * trial is followed to its end at the same interval, so the next one starts on an idle queue.
 */
final class LatencyScenario {
  private static final long GIVE_UP_MICROS = 120_000_000L;

  private final KubernetesClient atelierClient;
  private final RequestCounter atelierRequests;
  private final JobLauncher queuedLauncher;
  private final JobLauncher directLauncher;
  private final KubernetesClient refClient;
  private final RequestCounter refRequests;
  private final JobManifest queuedManifest;
  private final JobManifest directManifest;
  private final BenchTrials trials;
  private final String namespace;
  private final long pollMs;
  private final String runFor;

  LatencyScenario(
      KubernetesClient atelierClient,
      RequestCounter atelierRequests,
      KubernetesClient refClient,
      RequestCounter refRequests,
      BenchTrials trials,
      String namespace,
      String queue,
      long pollMs,
      String runFor) {
    this.atelierClient = atelierClient;
    this.atelierRequests = atelierRequests;
    this.refClient = refClient;
    this.refRequests = refRequests;
    this.trials = trials;
    this.namespace = namespace;
    this.pollMs = pollMs;
    this.runFor = runFor;
    this.queuedManifest = new JobManifest(namespace, queue);
    this.directManifest = new JobManifest(namespace, null);
    this.queuedLauncher =
        new dev.atelier.activities.jobs.KubernetesJobLauncher(atelierClient, queuedManifest);
    this.directLauncher =
        new dev.atelier.activities.jobs.KubernetesJobLauncher(atelierClient, directManifest);
  }

  /** {@code warmup} rounds (reported apart), then {@code runs} rounds. */
  List<Map<String, Object>> run(int warmup, int runs) throws InterruptedException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int round = 0; round < warmup + runs; round++) {
      for (int k = 0; k < Variant.ALL.size(); k++) {
        Variant v = Variant.ALL.get((k + round) % Variant.ALL.size());
        Map<String, Object> trial = v.facade() ? viaLauncher(v, round) : direct(v, round);
        trial.put("warmup", round < warmup);
        trial.put("round", round);
        out.add(trial);
        Object ms = trial.get("running_ms");
        ClusterBench.say(
            "latency %s %-17s round %d: %s",
            round < warmup ? "warm-up" : "",
            v.name(),
            round,
            ms == null
                ? "did not start: " + trial.get("error")
                : String.format("pod running after %.0f ms", ms));
        Thread.sleep(300);
      }
    }
    return out;
  }

  private Map<String, Object> viaLauncher(Variant v, int round) throws InterruptedException {
    JobLauncher launcher = v.queued() ? queuedLauncher : directLauncher;
    JobRequest request = trials.request(v.task(), round, v.queued(), runFor);
    Map<String, Object> trial = header(v, request);
    Map<String, Long> c0 = atelierRequests.snapshot();
    long t0 = Micros.now();
    JobId id = launcher.launch(request);
    long launched = Micros.now();
    Map<String, Long> c1 = atelierRequests.snapshot();
    List<Map<String, Object>> phases = new ArrayList<>();
    String last = null;
    int polls = 0;
    Long running = null;
    JobState state;
    while (true) {
      state = launcher.state(id);
      long t = Micros.now();
      polls++;
      if (!state.phase().name().equals(last)) {
        last = state.phase().name();
        phases.add(Map.of("phase", last, "t", t, "reason", state.reason()));
      }
      if (state.phase() == JobState.Phase.RUNNING || state.ended()) {
        running = t;
        break;
      }
      if (t - t0 > GIVE_UP_MICROS) {
        trial.put("error", "still " + state.phase() + " after 120 s: " + state.reason());
        break;
      }
      Thread.sleep(pollMs);
    }
    Map<String, Long> c2 = atelierRequests.snapshot();
    JobState end =
        running == null ? state : launcher.awaitCompletion(id, Duration.ofMillis(pollMs), s -> {});
    long ended = Micros.now();
    Map<String, Long> c3 = atelierRequests.snapshot();
    trial.put("job", request.name());
    trial.put("t0", t0);
    trial.put("launched", launched);
    trial.put("running", running);
    trial.put("ended", ended);
    trial.put("end_state", end.phase().name());
    trial.put("launch_ms", (launched - t0) / 1000.0);
    if (running != null) {
      trial.put("running_ms", (running - t0) / 1000.0);
    }
    trial.put("polls_to_running", polls);
    trial.put("phases", phases);
    trial.put("requests_launch", RequestCounter.diff(c0, c1));
    trial.put("requests_to_running", RequestCounter.diff(c1, c2));
    trial.put("requests_to_end", RequestCounter.diff(c2, c3));
    return trial;
  }

  /** The Job JobManifest writes for the same trial, created with one call; its pods polled. */
  private Map<String, Object> direct(Variant v, int round) throws InterruptedException {
    JobRequest request = trials.request(v.task(), round, v.queued(), runFor);
    Job job = (v.queued() ? queuedManifest : directManifest).job(request);
    Map<String, Object> trial = header(v, request);
    Map<String, Long> c0 = refRequests.snapshot();
    long t0 = Micros.now();
    refClient.batch().v1().jobs().inNamespace(namespace).resource(job).create();
    long launched = Micros.now();
    Map<String, Long> c1 = refRequests.snapshot();
    int polls = 0;
    Long running = null;
    while (true) {
      List<Pod> pods =
          refClient
              .pods()
              .inNamespace(namespace)
              .withLabel("job-name", request.name())
              .list()
              .getItems();
      long t = Micros.now();
      polls++;
      boolean started =
          pods.stream()
              .anyMatch(
                  p ->
                      p.getStatus() != null
                          && p.getStatus().getPhase() != null
                          && !p.getStatus().getPhase().equals("Pending"));
      if (started) {
        running = t;
        break;
      }
      if (t - t0 > GIVE_UP_MICROS) {
        trial.put("error", "no running pod after 120 s");
        break;
      }
      Thread.sleep(pollMs);
    }
    Map<String, Long> c2 = refRequests.snapshot();
    String end = "TIMEOUT";
    while (running != null && Micros.now() - t0 < 2 * GIVE_UP_MICROS) {
      Job now = refClient.batch().v1().jobs().inNamespace(namespace).withName(request.name()).get();
      if (now != null && now.getStatus() != null && now.getStatus().getConditions() != null) {
        var done =
            now.getStatus().getConditions().stream()
                .filter(c -> "True".equals(c.getStatus()))
                .filter(c -> c.getType().equals("Complete") || c.getType().equals("Failed"))
                .findFirst();
        if (done.isPresent()) {
          end = done.get().getType().equals("Complete") ? "SUCCEEDED" : "FAILED";
          break;
        }
      }
      Thread.sleep(pollMs);
    }
    long ended = Micros.now();
    trial.put("job", request.name());
    trial.put("t0", t0);
    trial.put("launched", launched);
    trial.put("running", running);
    trial.put("ended", ended);
    trial.put("end_state", end);
    trial.put("launch_ms", (launched - t0) / 1000.0);
    if (running != null) {
      trial.put("running_ms", (running - t0) / 1000.0);
    }
    trial.put("polls_to_running", polls);
    trial.put("requests_launch", RequestCounter.diff(c0, c1));
    trial.put("requests_to_running", RequestCounter.diff(c1, c2));
    return trial;
  }

  private static Map<String, Object> header(Variant v, JobRequest request) {
    Map<String, Object> trial = new LinkedHashMap<>();
    trial.put("variant", v.name());
    trial.put("facade", v.facade());
    trial.put("queued", v.queued());
    trial.put("gpus", request.limits().get(JobRequest.GPU_RESOURCE));
    return trial;
  }
}
