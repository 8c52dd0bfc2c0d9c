package dev.atelier.trainers.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One metric value as MLflow stores it. The timestamp is taken once, when the loop reports the
 * value, and never again: MLflow's metric key is (key, step, timestamp, value), so sending the same
 * point twice (a retry whose first answer was lost, a spill drained after a partial upload) leaves
 * one entry in the history, not two.
 */
record MetricPoint(String key, double value, long step, long timestamp) {

  /** The log-batch JSON form; NaN and infinities as the strings MLflow's JSON parser takes. */
  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("key", key);
    if (Double.isNaN(value)) {
      n.put("value", "NaN");
    } else if (Double.isInfinite(value)) {
      n.put("value", value > 0 ? "Infinity" : "-Infinity");
    } else {
      n.put("value", value);
    }
    n.put("timestamp", timestamp);
    n.put("step", step);
    return n;
  }

  static MetricPoint fromJson(JsonNode n) {
    JsonNode v = n.get("value");
    double value =
        v.isTextual()
            ? switch (v.asText()) {
              case "Infinity" -> Double.POSITIVE_INFINITY;
              case "-Infinity" -> Double.NEGATIVE_INFINITY;
              default -> Double.NaN;
            }
            : v.asDouble();
    return new MetricPoint(
        n.get("key").asText(), value, n.get("step").asLong(), n.get("timestamp").asLong());
  }
}
