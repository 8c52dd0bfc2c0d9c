package dev.atelier.activities.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.activities.Services;
import dev.atelier.workflows.activities.SweepRunRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;

class TrackingActivitiesIntegrationTest {
  private final MlflowClient mlflow = Services.mlflow();
  private final TrackingActivitiesImpl tracking = new TrackingActivitiesImpl(mlflow);
  private final String dagId = "test_activities_" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void startSweepRun_retried_returnsTheSameParentRun() {
    var request =
        new SweepRunRequest(
            dagId, "manual__2026-11-21T10:00:00+00:00", "train", 4, Map.of("steps", "300"));

    String first = tracking.startSweepRun(request);
    String again = tracking.startSweepRun(request);

    assertEquals(first, again);
    Run run = mlflow.getRun(first);
    assertEquals(
        "atelier/" + dagId, mlflow.getExperiment(run.getInfo().getExperimentId()).getName());
    assertEquals(dagId, MlflowRuns.tag(run, AtelierTags.DAG_ID).orElseThrow());
    assertEquals("train", MlflowRuns.tag(run, AtelierTags.TASK_ID).orElseThrow());
    assertEquals("300", run.getData().getParams(0).getValue());
    assertNotEquals(
        first,
        tracking.startSweepRun(new SweepRunRequest(dagId, "manual__other", "train", 4, Map.of())),
        "another Dag run gets its own parent");
  }

  @Test
  void finishRun_failed_runEndsFailed() {
    String run = tracking.startSweepRun(new SweepRunRequest(dagId, "r", "train", 1, Map.of()));

    tracking.finishRun(run, "FAILED");

    assertEquals(RunStatus.FAILED, mlflow.getRun(run).getInfo().getStatus());
  }

  @Test
  void finishRun_notAnEnding_namesAllowedStatuses() {
    var failure =
        assertThrows(ApplicationFailure.class, () -> tracking.finishRun("whatever", "DONE"));

    assertEquals(
        "status: 'DONE' is not one of [FINISHED, FAILED, KILLED]", failure.getOriginalMessage());
  }
}
