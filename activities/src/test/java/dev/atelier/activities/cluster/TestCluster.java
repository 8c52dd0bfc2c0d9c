package dev.atelier.activities.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real control plane {@code ./atelier test} starts ({@code scripts/cluster.sh}): Atelier's
 * client authenticates as the {@code atelier} ServiceAccount that k8s/ defines, so its RBAC rules
 * decide what the code under test may do; fixtures use the cluster admin's client.
 */
final class TestCluster {
  static final String NAMESPACE = "atelier";
  static final String QUEUE = "atelier";

  private TestCluster() {}

  /** A client as Atelier's ServiceAccount. */
  static KubernetesClient atelier() {
    return client("ATELIER_TEST_KUBECONFIG");
  }

  /** A client as the cluster's admin, for fixtures only. */
  static KubernetesClient admin() {
    return client("ATELIER_TEST_ADMIN_KUBECONFIG");
  }

  /** The kubectl built with the cluster. */
  static String kubectl() {
    return env("ATELIER_TEST_KUBECTL");
  }

  static String adminKubeconfig() {
    return env("ATELIER_TEST_ADMIN_KUBECONFIG");
  }

  private static KubernetesClient client(String variable) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(Path.of(env(variable))));
      config.setNamespace(NAMESPACE);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + variable + ": " + e.getMessage(), e);
    }
  }

  private static String env(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      fail(variable + " is not set: run ./atelier test, which starts the test cluster");
    }
    return value;
  }
}
