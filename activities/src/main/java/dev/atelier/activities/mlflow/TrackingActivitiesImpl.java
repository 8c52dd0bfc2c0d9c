package dev.atelier.activities.mlflow;

import dev.atelier.workflows.activities.SweepRunRequest;
import dev.atelier.workflows.activities.TrackingActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;

/** Sweep parent runs: one per (Dag, Dag run, task), found again by its tags when retried. */
public final class TrackingActivitiesImpl implements TrackingActivities {
  private static final List<String> ENDINGS = List.of("FINISHED", "FAILED", "KILLED");
  private final MlflowClient client;

  public TrackingActivitiesImpl(MlflowClient client) {
    this.client = client;
  }

  public static String experimentName(String dagId) {
    return "atelier/" + dagId;
  }

  @Override
  public String startSweepRun(SweepRunRequest request) {
    String experimentId = MlflowRuns.experimentId(client, experimentName(request.dagId()));
    Map<String, String> identity = new LinkedHashMap<>();
    identity.put(AtelierTags.DAG_ID, request.dagId());
    identity.put(AtelierTags.RUN_ID, request.runId());
    identity.put(AtelierTags.TASK_ID, request.taskId());
    // Trials carry the same three tags; the parent is the one without a parent.
    List<Run> existing =
        MlflowRuns.findByTags(client, experimentId, identity).stream()
            .filter(r -> MlflowRuns.tag(r, AtelierTags.PARENT_RUN_ID).isEmpty())
            .toList();
    if (!existing.isEmpty()) {
      return existing.get(0).getInfo().getRunId();
    }
    CreateRun.Builder create =
        CreateRun.newBuilder()
            .setExperimentId(experimentId)
            .setRunName(request.taskId() + " " + request.runId())
            .setStartTime(System.currentTimeMillis());
    identity.forEach((k, v) -> create.addTags(RunTag.newBuilder().setKey(k).setValue(v)));
    create.addTags(
        RunTag.newBuilder()
            .setKey(AtelierTags.TRIAL_COUNT)
            .setValue(Integer.toString(request.trialCount())));
    String runId = client.createRun(create.build()).getRunId();
    if (request.params() != null && !request.params().isEmpty()) {
      MlflowRuns.logParamsAndTags(client, runId, request.params(), Map.of());
    }
    return runId;
  }

  @Override
  public void tagRun(String mlflowRunId, Map<String, String> tags) {
    MlflowRuns.logParamsAndTags(client, mlflowRunId, Map.of(), tags);
  }

  @Override
  public void finishRun(String mlflowRunId, String status) {
    if (!ENDINGS.contains(status)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "status: '" + status + "' is not one of " + ENDINGS, "BadRunStatus");
    }
    client.setTerminated(mlflowRunId, RunStatus.valueOf(status), System.currentTimeMillis());
  }
}
