package dev.atelier.trainers.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tracking server permanently refused (a 4xx other than 429): each is said on stderr when
 * it happens, skipped so it blocks nothing behind it, and listed at the run's end in the artifact
 * {@value #ARTIFACT} and the tag {@value #TAG} (how many).
 */
final class Rejections {
  static final String ARTIFACT = "tracking/rejected.json";
  static final String TAG = "atelier.tracking_rejected";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintStream err;
  private final List<ObjectNode> entries = new ArrayList<>();

  Rejections(PrintStream err) {
    this.err = err;
  }

  synchronized void metrics(List<MetricPoint> points, DeliveryFailure why) {
    MetricPoint first = points.get(0);
    String what =
        points.size() == 1
            ? "metric " + first.key() + " at step " + first.step()
            : points.size() + " metric values from " + first.key() + " at step " + first.step();
    ObjectNode e = add("metric", what, why);
    ArrayNode list = e.putArray("points");
    points.stream().limit(100).forEach(p -> list.add(p.toJson()));
  }

  synchronized void artifact(String path, DeliveryFailure why) {
    add("artifact", path, why);
  }

  private ObjectNode add(String kind, String what, DeliveryFailure why) {
    err.println("warning: MLflow refused " + what + ", skipped: " + why.getMessage());
    ObjectNode e = JSON.createObjectNode();
    e.put("kind", kind);
    e.put("what", what);
    e.put("http_status", why.status());
    e.put("error", why.getMessage());
    entries.add(e);
    return e;
  }

  synchronized int count() {
    return entries.size();
  }

  synchronized byte[] json() {
    try {
      return JSON.writeValueAsBytes(JSON.createArrayNode().addAll(entries));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
