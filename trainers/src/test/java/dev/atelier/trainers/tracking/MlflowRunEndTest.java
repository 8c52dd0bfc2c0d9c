package dev.atelier.trainers.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.spec.MlflowSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.RunStatus;

/**
 * How a run ends against the real MLflow server that {@code ./atelier test} starts
 * (ATELIER_MLFLOW_URI): a metric MLflow refuses is recorded and skipped while the rest lands, and a
 * stop signal's short grace still gets everything queued uploaded and the run ended.
 */
class MlflowRunEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String uri;
  private static MlflowRest rest;

  @TempDir Path tmp;

  @BeforeAll
  static void needsMlflow() {
    uri = System.getenv("ATELIER_MLFLOW_URI");
    if (uri == null || uri.isBlank()) {
      fail("ATELIER_MLFLOW_URI is not set: run ./atelier test, or export it to a running MLflow");
    }
    uri = uri.replaceAll("/+$", "");
    rest = new MlflowRest(uri);
  }

  private MlflowRun open(String runId) {
    return MlflowRun.open(
        new MlflowSpec(uri, Optional.of(runId), Optional.empty()), "t/0", tmp, System.err);
  }

  @Test
  void aMetricMlflowRefusesIsRecordedAndSkipped_laterMetricsLand_theRunFinishes() throws Exception {
    String runId = rest.newRun("atelier/refused-" + UUID.randomUUID());
    MlflowRun run = open(runId);
    for (int step = 1; step <= 5; step++) {
      run.metric("loss_g", step, step);
    }
    run.metric("bad key!#", 1, 3); // MLflow: INVALID_PARAMETER_VALUE, names may only contain ...
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (rest.steps(runId, "loss_g").size() < 5) {
      assertTrue(System.nanoTime() < deadline, "steps 1-5 never arrived");
      Thread.sleep(100);
    }
    for (int step = 6; step <= 10; step++) {
      run.metric("loss_g", step, step);
    }
    MlflowRun.Ending ending = run.end("SUCCEEDED", "", RunStatus.FINISHED, Optional.empty());

    assertTrue(ending.runEnded());
    assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), rest.steps(runId, "loss_g"));
    assertEquals("FINISHED", rest.status(runId));
    assertEquals(Optional.of("SUCCEEDED"), rest.tag(runId, MlflowRun.STATUS_TAG));
    assertEquals(Optional.of("1"), rest.tag(runId, Rejections.TAG));
    assertTrue(
        rest.tag(runId, MlflowRun.REASON_TAG).orElse("").startsWith("MLflow refused 1 uploads"),
        rest.tag(runId, MlflowRun.REASON_TAG).orElse(""));
    JsonNode listed = JSON.readTree(rest.download(runId, Rejections.ARTIFACT));
    assertEquals("metric bad key!# at step 3", listed.get(0).get("what").asText());
    assertEquals(400, listed.get(0).get("http_status").asInt());
  }

  @Test
  void aStopSignalsGraceIsEnoughToUploadWhatIsQueued_andTheRunIsKilledNotRunning()
      throws Exception {
    String runId = rest.newRun("atelier/stopped-" + UUID.randomUUID());
    MlflowRun run = open(runId);
    for (int step = 1; step <= 3; step++) {
      run.metric("loss_g", step, step);
    }
    run.artifact("checkpoints/final/checkpoint.json", "{\"step\": 3}".getBytes());
    MlflowRun.Ending ending =
        run.end(
            "INTERRUPTED",
            "stopped by a signal",
            RunStatus.KILLED,
            Optional.of(Instant.now().plusSeconds(20)));

    assertTrue(ending.runEnded(), ending.note());
    assertEquals("", ending.note());
    assertEquals("KILLED", rest.status(runId));
    assertEquals(List.of(1L, 2L, 3L), rest.steps(runId, "loss_g"));
    assertEquals(
        "{\"step\": 3}", new String(rest.download(runId, "checkpoints/final/checkpoint.json")));
    assertFalse(Files.exists(tmp.resolve(SpillFolder.DIR)), "the spill was sent and removed");
  }
}
