package dev.atelier.activities.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.jobs.KubernetesJobLauncher;
import dev.atelier.activities.jobs.KubernetesJobLauncher.ApiCall;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Role k8s/base/rbac.yaml gives the {@code atelier} ServiceAccount is exactly what the launcher
 * uses ({@link KubernetesJobLauncher#API_CALLS}): every call is allowed to that account on the real
 * API server, and what the launcher never does is refused.
 */
class AtelierRoleTest {

  @Test
  void everyCallTheLauncherMakesIsAllowedToItsServiceAccount() {
    List<String> refused = new ArrayList<>();
    try (KubernetesClient client = TestCluster.atelier()) {
      for (ApiCall call : KubernetesJobLauncher.API_CALLS) {
        if (!allowed(client, call)) {
          refused.add(call.verb() + " " + call.resource() + "." + call.group());
        }
      }
    }
    assertEquals(List.of(), refused, "refused to system:serviceaccount:atelier:atelier");
  }

  @Test
  void whatTheLauncherNeverDoesIsRefused() {
    List<ApiCall> never =
        List.of(
            new ApiCall("patch", "", "configmaps"),
            new ApiCall("update", "", "configmaps"),
            new ApiCall("patch", "batch", "jobs"),
            new ApiCall("update", "batch", "jobs"),
            new ApiCall("get", "", "secrets"),
            new ApiCall("create", "", "pods"),
            new ApiCall("delete", "", "pods"),
            new ApiCall("create", "kueue.x-k8s.io", "workloads"),
            new ApiCall("update", "kueue.x-k8s.io", "workloads"));
    try (KubernetesClient client = TestCluster.atelier()) {
      for (ApiCall call : never) {
        assertTrue(!allowed(client, call), call + " should be refused to Atelier's account");
      }
    }
  }

  private static boolean allowed(KubernetesClient client, ApiCall call) {
    String[] parts = call.resource().split("/", 2);
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withNewResourceAttributes()
            .withNamespace(TestCluster.NAMESPACE)
            .withVerb(call.verb())
            .withGroup(call.group())
            .withResource(parts[0])
            .withSubresource(parts.length > 1 ? parts[1] : null)
            .endResourceAttributes()
            .endSpec()
            .build();
    return client
        .authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(review)
        .getStatus()
        .getAllowed();
  }
}
