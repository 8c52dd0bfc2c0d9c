package dev.atelier.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own count of the requests it served ({@code apiserver_request_total} on {@code
 * /metrics}, read as the cluster admin), summed by verb and resource. It counts every client's
 * requests — the controller manager's, the scheduler's, kwok's, Kueue's, the benchmark's observer's
 * — so the difference over a window is what the whole control plane did for it.
 */
final class ApiServerMetrics {
  private static final Pattern LINE =
      Pattern.compile("^apiserver_request_total\\{([^}]*)\\}\\s+([0-9.e+]+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** The API server's verbs as {@link RequestCounter} names them (Kubernetes' RBAC verbs). */
  private static final Map<String, String> VERBS =
      Map.of(
          "GET",
          "get",
          "LIST",
          "list",
          "WATCH",
          "watch",
          "POST",
          "create",
          "PUT",
          "update",
          "PATCH",
          "patch",
          "APPLY",
          "apply",
          "DELETE",
          "delete",
          "DELETECOLLECTION",
          "deletecollection",
          "CONNECT",
          "connect");

  private ApiServerMetrics() {}

  static Map<String, Long> scrape(KubernetesClient admin) {
    Map<String, Long> out = new TreeMap<>();
    for (String line : admin.raw("/metrics").split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      String group = labels.getOrDefault("group", "");
      String sub = labels.getOrDefault("subresource", "");
      String key =
          VERBS.getOrDefault(labels.getOrDefault("verb", "?"), labels.getOrDefault("verb", "?"))
              + " "
              + labels.getOrDefault("resource", "")
              + (group.isEmpty() ? "" : "." + group)
              + (sub.isEmpty() ? "" : "/" + sub);
      out.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
    }
    return out;
  }
}
