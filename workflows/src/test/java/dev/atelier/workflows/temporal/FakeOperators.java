package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.activities.TaskCall;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Operators that behave like the real ones on made-up data: PrepareDataset returns a dataset
 * version (or fails first, or says the folder is missing), PickBest picks the lowest metric among
 * succeeded trials (the highest with {@code mode: max}).
 */
class FakeOperators implements OperatorActivities {
  final List<TaskCall> prepareCalls = new CopyOnWriteArrayList<>();
  final List<TaskCall> pickBestCalls = new CopyOnWriteArrayList<>();
  final AtomicInteger prepareFailuresLeft = new AtomicInteger();
  volatile boolean datasetMissing;

  @Override
  public Map<String, Object> prepareDataset(TaskCall call) {
    prepareCalls.add(call);
    if (datasetMissing) {
      throw ApplicationFailure.newNonRetryableFailure(
          "dataset.path: '" + call.args().get("path") + "' does not exist", "BadDataset");
    }
    if (prepareFailuresLeft.getAndDecrement() > 0) {
      throw ApplicationFailure.newFailure("disk busy", "Transient");
    }
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("path", call.args().get("path"));
    version.put("image_count", 3800);
    version.put("fingerprint", "sha256:abc");
    version.put("image_size", call.args().get("image_size"));
    return version;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> pickBest(TaskCall call) {
    pickBestCalls.add(call);
    String from = (String) call.args().get("from");
    String metric = (String) call.args().get("metric");
    double sign = "max".equals(call.args().get("mode")) ? -1 : 1;
    List<Map<String, Object>> outcomes =
        (List<Map<String, Object>>) call.upstream().getOrDefault(from, List.of());
    Map<String, Object> best = null;
    double bestValue = Double.MAX_VALUE;
    for (Map<String, Object> o : outcomes) {
      Map<String, Number> metrics = (Map<String, Number>) o.get("metrics");
      if ("SUCCEEDED".equals(o.get("status"))
          && sign * metrics.get(metric).doubleValue() < bestValue) {
        best = o;
        bestValue = sign * metrics.get(metric).doubleValue();
      }
    }
    if (best == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "pick_best: no successful trial of '" + from + "' reported metric '" + metric + "'",
          "NoTrial");
    }
    return Map.of(
        "mlflow_run_id",
        best.get("mlflowRunId"),
        "map_index",
        best.get("mapIndex"),
        "metric",
        metric,
        "value",
        sign * bestValue);
  }
}
