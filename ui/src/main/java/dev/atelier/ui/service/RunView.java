package dev.atelier.ui.service;

import java.util.Map;

/**
 * What the UI needs of one MLflow run: status, where its artifacts live, params, tags, and the
 * latest value (with its step) of each metric.
 */
public record RunView(
    String runId,
    String status,
    String artifactUri,
    Map<String, String> params,
    Map<String, String> tags,
    Map<String, MetricPoint> latestMetrics) {

  public String tag(String key) {
    return tags.get(key);
  }
}
