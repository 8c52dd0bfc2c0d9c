package dev.atelier.bench.cluster;

import dev.atelier.activities.jobs.KueueWorkloads;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's observer, a process of its own so that its work never counts as the worker's CPU
 * or requests. As the cluster admin it watches the benchmark's Jobs, their pods and Kueue
 * Workloads, and writes each change of state with the time it arrived (one JSON line each); on
 * request it also polls how many Jobs are admitted and running, and what Kueue's ClusterQueue
 * reports, every few hundred milliseconds. Commands on stdin, one a line: {@code sample MS}, {@code
 * nosample}, {@code mark NAME} (writes its own request counts), {@code quit}.
 */
public final class Observer {
  static final ResourceDefinitionContext WORKLOADS = KueueWorkloads.WORKLOADS;
  static final ResourceDefinitionContext CLUSTER_QUEUES =
      new ResourceDefinitionContext.Builder()
          .withGroup("kueue.x-k8s.io")
          .withVersion("v1beta2")
          .withKind("ClusterQueue")
          .withPlural("clusterqueues")
          .withNamespaced(false)
          .build();

  private final KubernetesClient client;
  private final RequestCounter requests;
  private final EventLog log;
  private final String namespace;
  private final String label;
  private final String labelValue;
  private final String clusterQueue;
  private final Map<String, String> lastState = new ConcurrentHashMap<>();

  private Observer(
      KubernetesClient client,
      RequestCounter requests,
      EventLog log,
      String namespace,
      String selector,
      String clusterQueue) {
    this.client = client;
    this.requests = requests;
    this.log = log;
    this.namespace = namespace;
    this.label = selector.substring(0, selector.indexOf('='));
    this.labelValue = selector.substring(selector.indexOf('=') + 1);
    this.clusterQueue = clusterQueue;
  }

  /** args: admin-kubeconfig namespace label=value events-file cluster-queue */
  public static void main(String[] args) throws Exception {
    RequestCounter requests = new RequestCounter();
    try (KubernetesClient client =
            Kube.client(Path.of(args[0]), args[1], Map.of("count", requests));
        EventLog log = new EventLog(Path.of(args[3]))) {
      new Observer(client, requests, log, args[1], args[2], args[4]).run();
    }
  }

  private void run() throws Exception {
    List<Watch> watches = new ArrayList<>();
    watches.add(
        client.pods().inNamespace(namespace).withLabel(label, labelValue).watch(watcher("pod")));
    watches.add(
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withLabel(label, labelValue)
            .watch(watcher("job")));
    watches.add(
        client
            .genericKubernetesResources(WORKLOADS)
            .inNamespace(namespace)
            .watch(watcher("workload")));
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    ScheduledFuture<?> sampling = null;
    System.out.println("ready");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] cmd = line.strip().split(" ", 2);
      switch (cmd[0]) {
        case "sample" -> {
          long ms = Long.parseLong(cmd[1]);
          sampling = sampler.scheduleWithFixedDelay(this::sample, 0, ms, TimeUnit.MILLISECONDS);
        }
        case "nosample" -> {
          if (sampling != null) {
            sampling.cancel(false);
            sampling = null;
          }
        }
        case "mark" -> {
          log.write("mark", Map.of("name", cmd[1], "requests", requests.snapshot()));
          System.out.println("marked " + cmd[1]);
          System.out.flush();
        }
        case "quit" -> {
          sampler.shutdownNow();
          watches.forEach(Watch::close);
          return;
        }
        default -> System.err.println("observer: unknown command " + line);
      }
    }
  }

  private <T extends HasMetadata> Watcher<T> watcher(String kind) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        long t = Micros.now();
        String job = jobName(kind, resource);
        if (job == null) {
          return;
        }
        Map<String, Object> state = state(kind, resource);
        String key = kind + "/" + resource.getMetadata().getName();
        String signature = action == Action.DELETED ? "DELETED" : state.toString();
        if (Objects.equals(lastState.put(key, signature), signature)) {
          return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", action.name());
        fields.put("job", job);
        fields.put("name", resource.getMetadata().getName());
        fields.putAll(state);
        log.write(t, kind, fields);
      }

      @Override
      public void onClose(WatcherException cause) {
        log.write("watch-closed", Map.of("watch", kind, "cause", String.valueOf(cause)));
      }
    };
  }

  private static String jobName(String kind, HasMetadata r) {
    switch (kind) {
      case "job":
        return r.getMetadata().getName();
      case "pod":
        return r.getMetadata().getLabels() == null
            ? null
            : r.getMetadata().getLabels().get("job-name");
      default:
        for (OwnerReference o : nullToEmpty(r.getMetadata().getOwnerReferences())) {
          if ("Job".equals(o.getKind())) {
            return o.getName();
          }
        }
        return null;
    }
  }

  private static Map<String, Object> state(String kind, HasMetadata r) {
    Map<String, Object> s = new LinkedHashMap<>();
    if (r instanceof Pod pod) {
      s.put("phase", pod.getStatus() == null ? null : pod.getStatus().getPhase());
      s.put("node", pod.getSpec() == null ? null : pod.getSpec().getNodeName());
      s.put(
          "annotated",
          pod.getMetadata().getAnnotations() != null
              && pod.getMetadata().getAnnotations().keySet().stream()
                  .anyMatch(a -> a.startsWith(PodTemplateAnnotations.PREFIX)));
      s.put("deleting", pod.getMetadata().getDeletionTimestamp() != null);
    } else if (r instanceof Job job) {
      s.put("suspend", job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend()));
      var st = job.getStatus();
      s.put("active", st == null || st.getActive() == null ? 0 : st.getActive());
      List<String> conditions = new ArrayList<>();
      if (st != null) {
        for (JobCondition c : nullToEmpty(st.getConditions())) {
          if ("True".equals(c.getStatus())) {
            conditions.add(c.getType());
          }
        }
      }
      s.put("conditions", conditions);
    } else if (r instanceof GenericKubernetesResource w) {
      s.put("conditions", trueConditions(w));
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  static List<String> trueConditions(GenericKubernetesResource w) {
    List<String> out = new ArrayList<>();
    Object status = w.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> st && st.get("conditions") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> c && "True".equals(c.get("status"))) {
          out.add(String.valueOf(c.get("type")));
        }
      }
    }
    return out;
  }

  /** One poll of what is admitted and running now (the benchmark's objects only). */
  private void sample() {
    try {
      long t0 = Micros.now();
      List<Job> jobs =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(namespace)
              .withLabel(label, labelValue)
              .list()
              .getItems();
      List<String> names = jobs.stream().map(j -> j.getMetadata().getName()).toList();
      long unsuspended =
          jobs.stream()
              .filter(j -> !Boolean.TRUE.equals(j.getSpec().getSuspend()))
              .filter(j -> !finished(j))
              .count();
      long active =
          jobs.stream()
              .filter(j -> j.getStatus() != null && j.getStatus().getActive() != null)
              .filter(j -> j.getStatus().getActive() > 0)
              .count();
      long running =
          client
              .pods()
              .inNamespace(namespace)
              .withLabel(label, labelValue)
              .list()
              .getItems()
              .stream()
              .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
              .count();
      long admitted =
          client
              .genericKubernetesResources(WORKLOADS)
              .inNamespace(namespace)
              .list()
              .getItems()
              .stream()
              .filter(w -> names.contains(jobName("workload", w)))
              .map(Observer::trueConditions)
              .filter(c -> c.contains("Admitted") && !c.contains("Finished"))
              .count();
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("t0", t0);
      fields.put("jobs", jobs.size());
      fields.put("unsuspended_unfinished", unsuspended);
      fields.put("active", active);
      fields.put("pods_running", running);
      fields.put("workloads_admitted", admitted);
      fields.putAll(clusterQueueStatus());
      log.write("sample", fields);
    } catch (RuntimeException e) {
      log.write("sample-error", Map.of("error", String.valueOf(e)));
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> clusterQueueStatus() {
    Map<String, Object> out = new LinkedHashMap<>();
    GenericKubernetesResource cq =
        client.genericKubernetesResources(CLUSTER_QUEUES).withName(clusterQueue).get();
    if (cq == null || !(cq.getAdditionalProperties().get("status") instanceof Map<?, ?> st)) {
      return out;
    }
    out.put("cq_admitted", st.get("admittedWorkloads"));
    out.put("cq_reserving", st.get("reservingWorkloads"));
    out.put("cq_pending", st.get("pendingWorkloads"));
    long gpus = 0;
    if (st.get("flavorsUsage") instanceof List<?> flavors) {
      for (Object f : flavors) {
        if (f instanceof Map<?, ?> fm && fm.get("resources") instanceof List<?> rs) {
          for (Object r : rs) {
            if (r instanceof Map<?, ?> rm && "nvidia.com/gpu".equals(rm.get("name"))) {
              gpus += quantity(String.valueOf(rm.get("total")));
            }
          }
        }
      }
    }
    out.put("cq_gpus_in_use", gpus);
    return out;
  }

  private static long quantity(String q) {
    try {
      return Long.parseLong(q);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean finished(Job j) {
    return j.getStatus() != null
        && nullToEmpty(j.getStatus().getConditions()).stream()
            .anyMatch(
                c ->
                    ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
  }

  private static <T> List<T> nullToEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }
}
