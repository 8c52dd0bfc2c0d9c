package dev.atelier.activities.mlflow;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/** The few run and experiment operations the activities share, over MLflow's Java client. */
public final class MlflowRuns {
  private MlflowRuns() {}

  /** The experiment's id, creating it if missing (a concurrent creator is fine). */
  public static String experimentId(MlflowClient client, String name) {
    Optional<String> existing = client.getExperimentByName(name).map(e -> e.getExperimentId());
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return client.createExperiment(name);
    } catch (MlflowHttpException e) {
      if (!alreadyExists(e)) {
        throw e;
      }
      return client.getExperimentByName(name).orElseThrow(() -> e).getExperimentId();
    }
  }

  /** Active runs of an experiment whose tags equal all of {@code tags}. */
  public static List<Run> findByTags(
      MlflowClient client, String experimentId, Map<String, String> tags) {
    StringBuilder filter = new StringBuilder();
    tags.forEach(
        (key, value) -> {
          if (filter.length() > 0) {
            filter.append(" and ");
          }
          filter.append("tags.`").append(key).append("` = ").append(quote(value));
        });
    return client
        .searchRuns(List.of(experimentId), filter.toString(), ViewType.ACTIVE_ONLY, 100)
        .getItems();
  }

  /** A string literal for MLflow's search filter. */
  static String quote(String value) {
    return value.contains("'") ? '"' + value + '"' : "'" + value + "'";
  }

  public static Optional<String> tag(Run run, String key) {
    return run.getData().getTagsList().stream()
        .filter(t -> t.getKey().equals(key))
        .map(RunTag::getValue)
        .findFirst();
  }

  /** The latest value of every metric the run logged. */
  public static Map<String, Double> latestMetrics(Run run) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Metric m : run.getData().getMetricsList()) {
      metrics.put(m.getKey(), m.getValue());
    }
    return metrics;
  }

  /** The step of a metric's latest value, if the run logged it. */
  public static Optional<Long> latestStep(Run run, String metric) {
    return run.getData().getMetricsList().stream()
        .filter(m -> m.getKey().equals(metric))
        .map(Metric::getStep)
        .findFirst();
  }

  public static boolean isRunning(Run run) {
    return run.getInfo().getStatus() == RunStatus.RUNNING
        || run.getInfo().getStatus() == RunStatus.SCHEDULED;
  }

  /** Params and tags in one call (MLflow allows 100 params and 100 tags per batch). */
  public static void logParamsAndTags(
      MlflowClient client, String runId, Map<String, ?> params, Map<String, String> tags) {
    List<Param> ps =
        params.entrySet().stream()
            .map(
                e ->
                    Param.newBuilder()
                        .setKey(e.getKey())
                        .setValue(paramValue(e.getValue()))
                        .build())
            .toList();
    List<RunTag> ts =
        tags.entrySet().stream()
            .map(e -> RunTag.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build())
            .toList();
    client.logBatch(runId, List.of(), ps, ts);
  }

  /**
   * A param's text. MLflow refuses to change a logged param, and the trainer logs the same
   * hyperparams again, so both must print a number the same way: plain decimals with no trailing
   * zeros ({@code 300}, {@code 0.0002}).
   */
  public static String paramValue(Object value) {
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return Double.toString(d);
      }
      // 0.0002, not 2.0E-4: params are read by people, and the trainer spells them this way.
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(value);
  }

  static boolean alreadyExists(MlflowHttpException e) {
    return e.getBodyMessage() != null && e.getBodyMessage().contains("RESOURCE_ALREADY_EXISTS");
  }

  static boolean doesNotExist(MlflowHttpException e) {
    return e.getStatusCode() == 404
        || (e.getBodyMessage() != null && e.getBodyMessage().contains("RESOURCE_DOES_NOT_EXIST"));
  }
}
