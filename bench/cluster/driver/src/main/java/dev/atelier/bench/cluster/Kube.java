package dev.atelier.bench.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * fabric8 clients from a kubeconfig, with the client's defaults otherwise (as the worker builds its
 * own: {@code new KubernetesClientBuilder().build()}), plus the benchmark's interceptors.
 */
final class Kube {
  private Kube() {}

  static KubernetesClient client(Path kubeconfig, String namespace, Map<String, Interceptor> with) {
    Config config;
    try {
      config = Config.fromKubeconfig(Files.readString(kubeconfig));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
    config.setNamespace(namespace);
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientBuilderConsumer(b -> with.forEach(b::addOrReplaceInterceptor))
        .build();
  }
}
