package dev.atelier.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Iterator;
import java.util.Map;

/**
 * For the benchmark only: copies a Job's {@code atelier.dev/kwok-*} annotations onto its pod
 * template on the way to the API server. kwok reads them from the pod to know how long it runs, but
 * {@code JobManifest} puts a request's {@code annotations} on the Job's metadata only, so without
 * this every benchmark pod would run kwok's default 1 s. The request is rewritten in place: the
 * same one call, a few bytes longer.
 */
final class PodTemplateAnnotations implements Interceptor {
  static final String PREFIX = "atelier.dev/kwok-";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (!request.method().equals("POST")
        || !request.uri().getPath().matches(".*/batch/v1/.*/jobs")) {
      return;
    }
    try {
      JsonNode job = JSON.readTree(request.bodyString());
      JsonNode annotations = job.path("metadata").path("annotations");
      ObjectNode template = (ObjectNode) job.path("spec").path("template");
      ObjectNode meta =
          template.has("metadata")
              ? (ObjectNode) template.get("metadata")
              : template.putObject("metadata");
      ObjectNode podAnnotations =
          meta.has("annotations")
              ? (ObjectNode) meta.get("annotations")
              : meta.putObject("annotations");
      boolean changed = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> a = it.next();
        if (a.getKey().startsWith(PREFIX) && !podAnnotations.has(a.getKey())) {
          podAnnotations.set(a.getKey(), a.getValue());
          changed = true;
        }
      }
      if (changed) {
        ((HttpRequest.Builder) builder).post("application/json", JSON.writeValueAsString(job));
      }
    } catch (java.io.IOException | ClassCastException e) {
      throw new IllegalStateException("benchmark: could not copy kwok annotations to the pod", e);
    }
  }
}
