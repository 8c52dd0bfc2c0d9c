package dev.atelier.trainers.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifact uploads against a stand-in server that fails on purpose: a server error is retried until
 * the file arrives, a refusal (4xx) is recorded and skipped without holding back the files queued
 * after it, and what could not be sent before the trainer had to go is on disk and sent by the next
 * start.
 */
class ArtifactUploaderTest {
  private static final String RUN = "0123456789abcdef";
  private static final String ARTIFACT_URI = "mlflow-artifacts:/1/" + RUN + "/artifacts";
  private static final String BASE = "/api/2.0/mlflow-artifacts/artifacts/1/" + RUN + "/artifacts/";
  private static final Backoff FAST = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));

  @TempDir Path tmp;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private ArtifactUploader uploader(StubTrackingServer stub, Rejections rejections) {
    return new ArtifactUploader(
        new TrackingHttp(stub.uri()),
        ARTIFACT_URI,
        new SpillFolder(tmp, RUN),
        rejections,
        FAST,
        err);
  }

  @Test
  void serverErrorsAreRetried_aRefusedFileIsRecordedAndSkipped_theRestArrives() throws Exception {
    // a.png is refused; b.png meets two 503s and a 429 first; c.png goes straight in.
    StubTrackingServer.Answer answer =
        (path, body, earlier) ->
            path.endsWith("a.png")
                ? 400
                : path.endsWith("b.png") && earlier < 3 ? (earlier < 2 ? 503 : 429) : 200;
    try (StubTrackingServer stub = new StubTrackingServer(answer)) {
      Rejections rejections = new Rejections(err);
      ArtifactUploader up = uploader(stub, rejections);
      up.put("samples/a.png", bytes("A"));
      up.put("samples/b.png", bytes("B"));
      up.put("samples/c.png", bytes("C"));
      assertTrue(up.awaitDelivered(Instant.now().plusSeconds(60)));
      up.close();

      assertEquals(List.of(BASE + "samples/b.png", BASE + "samples/c.png"), stub.takenPaths());
      assertEquals("B", stub.taken.get(0).body());
      assertEquals(1, rejections.count());
      String listed = new String(rejections.json(), StandardCharsets.UTF_8);
      assertTrue(listed.contains("samples/a.png") && listed.contains("400"), listed);
      assertTrue(
          errBytes.toString(StandardCharsets.UTF_8).contains("MLflow refused samples/a.png"));
    }
  }

  @Test
  void uploadsPendingAtExitAreSpilledToDisk_andTheNextStartSendsThem() throws Exception {
    try (StubTrackingServer stub = new StubTrackingServer(StubTrackingServer.always(503))) {
      ArtifactUploader first = uploader(stub, new Rejections(err));
      first.put("checkpoints/final/generator-0000.params", bytes("G"));
      first.put("samples/step_0000005.png", bytes("P"));
      assertFalse(first.awaitDelivered(Instant.now().plusMillis(300)));
      assertEquals(2, first.spillPending());
      first.close();
      List<SpillFolder.Spilled> onDisk = new SpillFolder(tmp, RUN).artifacts();
      assertEquals(
          List.of("checkpoints/final/generator-0000.params", "samples/step_0000005.png"),
          onDisk.stream().map(SpillFolder.Spilled::path).toList());
      assertEquals("G", Files.readString(onDisk.get(0).file()));

      stub.answer = StubTrackingServer.always(200);
      ArtifactUploader next = uploader(stub, new Rejections(err));
      assertTrue(next.awaitDelivered(Instant.now().plusSeconds(60)));
      next.close();
      assertEquals(
          List.of(
              BASE + "checkpoints/final/generator-0000.params", BASE + "samples/step_0000005.png"),
          stub.takenPaths());
      assertEquals(
          List.of("G", "P"), stub.taken.stream().map(StubTrackingServer.Taken::body).toList());
      assertEquals(List.of(), new SpillFolder(tmp, RUN).artifacts());
    }
  }

  @Test
  void beyondTheMemoryBoundAnUploadWaitsOnDisk() throws Exception {
    try (StubTrackingServer stub = new StubTrackingServer(StubTrackingServer.always(503))) {
      ArtifactUploader up = uploader(stub, new Rejections(err));
      byte[] big = new byte[(int) (ArtifactUploader.IN_MEMORY_BYTES / 2 + 1)];
      up.put("checkpoints/final/a.params", big);
      up.put("checkpoints/final/b.params", big);
      up.close();
      assertEquals(
          List.of("checkpoints/final/b.params"),
          new SpillFolder(tmp, RUN).artifacts().stream().map(SpillFolder.Spilled::path).toList());
    }
  }
}
