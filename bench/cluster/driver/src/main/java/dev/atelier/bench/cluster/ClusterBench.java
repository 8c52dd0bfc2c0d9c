package dev.atelier.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.JobManifest;
import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.activities.jobs.JobState;
import dev.atelier.activities.jobs.KubernetesJobLauncher;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes benchmark's entry point (see {@code bench/README.md}, "Kubernetes benchmark"):
 * clients as Atelier's ServiceAccount (with a request counter) and as the admin (fixtures,
 * metrics), an {@link Observer} process, then the chosen scenarios; writes their raw figures as
 * JSON for {@code bench/cluster_report.py}. Deletes the benchmark's Jobs before and after.
 */
public final class ClusterBench {
  private ClusterBench() {}

  static void say(String format, Object... args) {
    System.out.println("cluster-bench: " + String.format(format, args));
    System.out.flush();
  }

  public static void main(String[] args) throws Exception {
    BenchOptions opts;
    try {
      opts = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("cluster-bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    String ns = opts.namespace();
    RequestCounter atelierRequests = new RequestCounter();
    RequestCounter refRequests = new RequestCounter();
    Map<String, Object> out = new LinkedHashMap<>();
    try (KubernetesClient admin = Kube.client(opts.adminKubeconfig(), ns, Map.of());
        KubernetesClient atelier =
            Kube.client(
                opts.kubeconfig(),
                ns,
                Map.of("count", atelierRequests, "kwok", new PodTemplateAnnotations()));
        KubernetesClient ref =
            Kube.client(
                opts.kubeconfig(),
                ns,
                Map.of("count", refRequests, "kwok", new PodTemplateAnnotations()))) {
      out.put("options", options(opts));
      out.put("versions", versions(admin));
      String clusterQueue = clusterQueue(admin, ns, opts.queue());
      out.put("cluster_queue", clusterQueue);
      out.put("gpu_quota", gpuQuota(admin, clusterQueue));
      int stale = Cleanup.run(admin, ns);
      out.put("stale_jobs_deleted_before", stale);
      Path scratch = Files.createTempDirectory("cluster-bench");
      String runId = "bench__" + Instant.now().toString();
      BenchTrials trials = new BenchTrials(runId, scratch, opts.gpus());
      JobLauncher queued = new KubernetesJobLauncher(atelier, new JobManifest(ns, opts.queue()));
      try (ObserverProcess observer =
          new ObserverProcess(
              opts.adminKubeconfig(), ns, BenchTrials.SELECTOR, opts.events(), clusterQueue)) {
        out.put("observer_pid", observer.pid());
        preflight(admin, atelier, trials, ns);
        if (opts.scenarios().contains("latency")) {
          say(
              "latency: %d warm-up + %d rounds of %s, polling every %d ms",
              opts.warmup(),
              opts.runs(),
              Variant.ALL.stream().map(Variant::name).toList(),
              opts.pollMs());
          LatencyScenario latency =
              new LatencyScenario(
                  atelier,
                  atelierRequests,
                  ref,
                  refRequests,
                  trials,
                  ns,
                  opts.queue(),
                  opts.pollMs(),
                  opts.latencyRunFor());
          CpuMeter watch = new CpuMeter(opts.components());
          watch.start();
          out.put("latency", latency.run(opts.warmup(), opts.runs()));
          watch.stop();
          out.put("latency_restarted", watch.restarted());
          Cleanup.run(admin, ns);
        }
        if (opts.scenarios().contains("queue")) {
          out.put("queue", queue(opts, admin, queued, atelierRequests, trials, observer));
          Cleanup.run(admin, ns);
        }
      }
      Files.createDirectories(opts.out().toAbsolutePath().getParent());
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(opts.out().toFile(), out);
      say("raw figures: %s, observer events: %s", opts.out(), opts.events());
    } finally {
      try (KubernetesClient admin = Kube.client(opts.adminKubeconfig(), ns, Map.of())) {
        Cleanup.run(admin, ns);
      }
    }
  }

  private static Map<String, Object> queue(
      BenchOptions opts,
      KubernetesClient admin,
      JobLauncher launcher,
      RequestCounter requests,
      BenchTrials trials,
      ObserverProcess observer)
      throws Exception {
    say(
        "queue: %d trials of %s GPU(s), pods running %s, waits polling every %d ms",
        opts.trials(), opts.gpus(), opts.runFor(), opts.waitPollMs());
    QueueScenario scenario = new QueueScenario(launcher, trials, opts.waitPollMs(), opts.runFor());
    List<JobRequest> batch = scenario.requests(opts.trials());
    observer.sample(opts.sampleMs());
    Thread.sleep(1000);
    // What this JVM burns doing nothing (GC, JIT, the clients' idle threads), for comparison.
    double idle0 = CpuMeter.jvmSeconds();
    long idleStart = System.nanoTime();
    Thread.sleep(3000);
    double idleCores = (CpuMeter.jvmSeconds() - idle0) / ((System.nanoTime() - idleStart) / 1e9);
    observer.mark("queue-start");
    Map<String, Long> api0 = ApiServerMetrics.scrape(admin);
    Map<String, Long> c0 = requests.snapshot();
    CpuMeter cpu = new CpuMeter(opts.components());
    Map<String, Object> q = new LinkedHashMap<>();
    cpu.start();
    long t0 = Micros.now();
    List<Map<String, Object>> results = scenario.run(batch);
    long t1 = Micros.now();
    Map<String, Double> used = cpu.stop();
    Map<String, Long> c1 = requests.snapshot();
    Map<String, Long> api1 = ApiServerMetrics.scrape(admin);
    observer.mark("queue-end");
    observer.stopSampling();
    q.put("window_start", t0);
    q.put("window_end", t1);
    q.put("cpu_seconds", used);
    q.put("restarted", cpu.restarted());
    q.put("jvm_idle_cores", idleCores);
    q.put("requests_atelier", RequestCounter.diff(c0, c1));
    q.put("requests_apiserver", RequestCounter.diff(api0, api1));
    q.put("trials", results);
    return q;
  }

  /**
   * One trial without Kueue before anything is timed: it warms the client up, and proves that the
   * kwok annotations reach the pod (else every figure would be about kwok's default, not ours).
   */
  private static void preflight(
      KubernetesClient admin, KubernetesClient atelier, BenchTrials trials, String ns)
      throws InterruptedException {
    JobLauncher launcher = new KubernetesJobLauncher(atelier, new JobManifest(ns, null));
    JobRequest r = trials.request("preflight", 0, false, "500ms");
    JobId id = launcher.launch(r);
    JobState end = launcher.awaitCompletion(id, Duration.ofMillis(100), s -> {});
    List<Pod> pods = admin.pods().inNamespace(ns).withLabel("job-name", r.name()).list().getItems();
    boolean annotated =
        !pods.isEmpty()
            && pods.get(0).getMetadata().getAnnotations() != null
            && pods.get(0)
                .getMetadata()
                .getAnnotations()
                .containsKey(PodTemplateAnnotations.PREFIX + "run-for");
    if (end.phase() != JobState.Phase.SUCCEEDED || !annotated) {
      throw new IllegalStateException(
          "preflight trial "
              + r.name()
              + " ended "
              + end
              + ", pod annotated for kwok: "
              + annotated);
    }
    say("preflight: trial Job %s succeeded; its pod carries the kwok annotations", r.name());
  }

  /** The ClusterQueue behind the LocalQueue {@code queue}. */
  @SuppressWarnings("unchecked")
  private static String clusterQueue(KubernetesClient admin, String ns, String queue) {
    var lq =
        admin
            .genericKubernetesResources("kueue.x-k8s.io/v1beta2", "LocalQueue")
            .inNamespace(ns)
            .withName(queue)
            .get();
    if (lq == null || !(lq.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec)) {
      throw new IllegalStateException("LocalQueue " + ns + "/" + queue + " does not exist");
    }
    return String.valueOf(spec.get("clusterQueue"));
  }

  /** The ClusterQueue's nominal quota of nvidia.com/gpu, summed over its flavors. */
  private static long gpuQuota(KubernetesClient admin, String clusterQueue) {
    var cq = admin.genericKubernetesResources(Observer.CLUSTER_QUEUES).withName(clusterQueue).get();
    long total = 0;
    if (cq != null
        && cq.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
        && spec.get("resourceGroups") instanceof List<?> groups) {
      for (Object g : groups) {
        if (!(g instanceof Map<?, ?> gm) || !(gm.get("flavors") instanceof List<?> flavors)) {
          continue;
        }
        for (Object f : flavors) {
          if (!(f instanceof Map<?, ?> fm) || !(fm.get("resources") instanceof List<?> rs)) {
            continue;
          }
          for (Object r : rs) {
            if (r instanceof Map<?, ?> rm && "nvidia.com/gpu".equals(rm.get("name"))) {
              total += Long.parseLong(String.valueOf(rm.get("nominalQuota")));
            }
          }
        }
      }
    }
    return total;
  }

  private static Map<String, Object> versions(KubernetesClient admin) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("kubernetes_server", admin.getKubernetesVersion().getGitVersion());
    v.put("fabric8_client", io.fabric8.kubernetes.client.Version.clientVersion());
    v.put("java", System.getProperty("java.runtime.version"));
    Map<String, String> kubelets = new TreeMap<>();
    admin
        .nodes()
        .list()
        .getItems()
        .forEach(
            n ->
                kubelets.put(
                    n.getMetadata().getName(), n.getStatus().getNodeInfo().getKubeletVersion()));
    v.put("nodes", kubelets);
    return v;
  }

  private static Map<String, Object> options(BenchOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", o.namespace());
    m.put("queue", o.queue());
    m.put("scenarios", o.scenarios());
    m.put("runs", o.runs());
    m.put("warmup", o.warmup());
    m.put("poll_ms", o.pollMs());
    m.put("latency_run_for", o.latencyRunFor());
    m.put("trials", o.trials());
    m.put("run_for", o.runFor());
    m.put("gpus", o.gpus());
    m.put("wait_poll_ms", o.waitPollMs());
    m.put("sample_ms", o.sampleMs());
    Map<String, String> components = new LinkedHashMap<>();
    o.components().forEach((k, v) -> components.put(k, v.toString()));
    m.put("components", components);
    return m;
  }
}
