package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's calls, read off the wire of fabric8's mock API server: every request it sends is
 * one of {@link KubernetesJobLauncher#API_CALLS}, the Role its ServiceAccount is given. A call
 * outside it would be refused by a cluster with RBAC on, so a trial would fail there and nowhere
 * here.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesApiCallsTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  private static final String NS = "calls";

  @TempDir Path tmp;

  /** The RBAC permission an HTTP request needs, e.g. {@code get pods/log} for a log read. */
  static KubernetesJobLauncher.ApiCall permission(RecordedRequest r) {
    String path = r.getPath().split("\\?", 2)[0];
    boolean watch = r.getPath().contains("watch=true");
    String group;
    String rest;
    if (path.startsWith("/api/v1/")) {
      group = "";
      rest = path.substring("/api/v1/".length());
    } else {
      String[] p = path.substring("/apis/".length()).split("/", 3);
      group = p[0];
      rest = p[2];
    }
    String[] parts = rest.split("/");
    // namespaces/<ns>/<resource>[/<name>[/<subresource>]]
    String resource = parts[2] + (parts.length > 4 ? "/" + parts[4] : "");
    boolean named = parts.length > 3;
    String verb =
        switch (r.getMethod()) {
          case "GET" -> named ? "get" : watch ? "watch" : "list";
          case "POST" -> "create";
          case "DELETE" -> named ? "delete" : "deletecollection";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          default -> r.getMethod();
        };
    return new KubernetesJobLauncher.ApiCall(verb, group, resource);
  }

  private static void drain() throws InterruptedException {
    while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // Requests the test itself made to set the scene.
    }
  }

  private static Set<KubernetesJobLauncher.ApiCall> launcherCalls() throws InterruptedException {
    Set<KubernetesJobLauncher.ApiCall> calls = new LinkedHashSet<>();
    RecordedRequest r;
    while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      calls.add(permission(r));
    }
    return calls;
  }

  @Test
  void everyLauncherMethod_queuedTrialFromLaunchToDelete_usesOnlyTheListedCalls() throws Exception {
    var launcher = new KubernetesJobLauncher(client, new JobManifest(NS, "gpu-queue"));
    Path spec = tmp.resolve("spec.json");
    Files.writeString(spec, "{}");
    JobRequest request =
        JobRequest.builder("trial", new JobKey("dag", "manual__1", "train", 0, 1))
            .image("atelier/trainer:dev")
            .specFile(new JobRequest.SpecFile(spec, "/etc/atelier/trial"))
            .build();
    Set<KubernetesJobLauncher.ApiCall> used = new LinkedHashSet<>();
    drain();

    JobId id = launcher.launch(request);
    launcher.launch(request); // a retried launch: adopts the Job, finds its spec
    launcher.state(id); // suspended: asks Kueue's Workload
    used.addAll(launcherCalls());

    JobController controller = new JobController(client, NS);
    controller.setSuspended(id.name(), false);
    controller.addPod(id.name(), "Running", null, null);
    controller.finish(id.name(), "Complete", null);
    drain();

    launcher.awaitCompletion(id, Duration.ofMillis(10), s -> {});
    launcher.logs(id, 10);
    launcher.delete(id);
    used.addAll(launcherCalls());

    // A launch that fails after creating its Job cleans up after itself.
    JobRequest other =
        JobRequest.builder("trial", new JobKey("dag", "manual__1", "train", 1, 1))
            .image("atelier/trainer:dev")
            .specFile(new JobRequest.SpecFile(spec, "/etc/atelier/trial"))
            .build();
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + NS + "/configmaps")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403}")
        .once();
    drain();
    assertThrows(KubernetesClientException.class, () -> launcher.launch(other));
    used.addAll(launcherCalls());

    Set<KubernetesJobLauncher.ApiCall> allowed = Set.copyOf(KubernetesJobLauncher.API_CALLS);
    for (KubernetesJobLauncher.ApiCall call : used) {
      assertTrue(allowed.contains(call), "not in API_CALLS: " + call + "; used: " + used);
    }
    assertTrue(
        used.contains(new KubernetesJobLauncher.ApiCall("delete", "", "configmaps")),
        "the failed launch cleaned up: " + used);
    assertTrue(used.size() >= 9, "the scenario exercised the launcher: " + used);
  }

  @Test
  void apiCalls_listed_exactlyTheRoleGrantedToItsServiceAccount() {
    assertEquals(
        List.of(
            "create batch/jobs",
            "get batch/jobs",
            "list batch/jobs",
            "watch batch/jobs",
            "delete batch/jobs",
            "create configmaps",
            "get configmaps",
            "delete configmaps",
            "get pods",
            "list pods",
            "watch pods",
            "get pods/log",
            "get kueue.x-k8s.io/workloads",
            "list kueue.x-k8s.io/workloads",
            "watch kueue.x-k8s.io/workloads"),
        KubernetesJobLauncher.API_CALLS.stream()
            .map(c -> c.verb() + " " + (c.group().isEmpty() ? "" : c.group() + "/") + c.resource())
            .toList());
  }
}
