package dev.atelier.bench.cluster;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every HTTP request a client sends to the API server, by Kubernetes verb and resource ("get
 * jobs.batch", "list pods", "list workloads.kueue.x-k8s.io"), as the API server's own {@code
 * apiserver_request_total} names them. Retries count again: they are requests too.
 */
final class RequestCounter implements Interceptor {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    counts.computeIfAbsent(key(request.method(), request.uri()), k -> new LongAdder()).increment();
  }

  /** The counts so far, sorted by key. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** {@code after - before}, key by key, zeros left out. */
  static Map<String, Long> diff(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach(
        (k, v) -> {
          long d = v - before.getOrDefault(k, 0L);
          if (d != 0) {
            out.put(k, d);
          }
        });
    return out;
  }

  /**
   * "verb resource" for {@code /api/v1/namespaces/ns/pods?...} or {@code
   * /apis/group/version/namespaces/ns/resource/name[/sub]}; other paths ("/metrics", "/version")
   * are counted by method and path.
   */
  static String key(String method, java.net.URI uri) {
    String[] p = uri.getPath().replaceAll("^/+", "").split("/");
    String group;
    int i;
    if (p.length >= 2 && p[0].equals("api")) {
      group = "";
      i = 2;
    } else if (p.length >= 3 && p[0].equals("apis")) {
      group = p[1];
      i = 3;
    } else {
      return method + " " + uri.getPath();
    }
    if (i + 1 < p.length && p[i].equals("namespaces") && p.length > i + 2) {
      i += 2; // a namespaced resource; "namespaces/x" alone is the namespace itself
    }
    if (i >= p.length) {
      return method + " " + uri.getPath();
    }
    String resource = p[i] + (group.isEmpty() ? "" : "." + group);
    boolean named = i + 1 < p.length;
    String sub = i + 2 < p.length ? "/" + p[i + 2] : "";
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    String verb =
        switch (method) {
          case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> method.toLowerCase();
        };
    return verb + " " + resource + sub;
  }
}
