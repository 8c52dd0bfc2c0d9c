package dev.atelier.trainers.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metric batches against a stand-in server: points the server cannot take now are kept (in memory,
 * then on disk) with the timestamp they were taken at, so sending them again later adds nothing to
 * MLflow's history that was already there.
 */
class MetricFlusherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "0123456789abcdef";
  private static final Backoff FAST = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));

  @TempDir Path tmp;
  private final PrintStream err =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  private MetricFlusher flusher(StubTrackingServer stub) {
    return new MetricFlusher(
        new TrackingHttp(stub.uri()),
        RUN,
        new SpillFolder(tmp, RUN),
        new Rejections(err),
        FAST,
        err);
  }

  /** Every (key, step, timestamp) the stub took, in order. */
  private static List<String> points(StubTrackingServer stub) throws Exception {
    List<String> all = new ArrayList<>();
    for (StubTrackingServer.Taken t : stub.taken) {
      for (JsonNode m : JSON.readTree(t.body()).path("metrics")) {
        all.add(
            m.get("key").asText()
                + "@"
                + m.get("step").asLong()
                + "@"
                + m.get("timestamp").asLong());
      }
    }
    return all;
  }

  @Test
  void pointsPendingAtExitAreSpilled_andTheNextStartSendsThemWithTheirOwnTimestamps()
      throws Exception {
    try (StubTrackingServer stub = new StubTrackingServer(StubTrackingServer.always(503))) {
      MetricFlusher first = flusher(stub);
      for (int step = 1; step <= 5; step++) {
        first.add("loss_g", step, step);
      }
      first.add("loss_d", Double.NaN, 5);
      assertFalse(first.awaitDelivered(Instant.now().plusMillis(1500)));
      assertEquals(6, first.spillPending());
      first.close();
      SpillFolder spill = new SpillFolder(tmp, RUN);
      assertEquals(6, spill.metricPoints());
      List<String> spilled = new ArrayList<>();
      for (Path f : spill.metricFiles()) {
        SpillFolder.readMetrics(f)
            .forEach(p -> spilled.add(p.key() + "@" + p.step() + "@" + p.timestamp()));
      }
      assertTrue(Double.isNaN(SpillFolder.readMetrics(spill.metricFiles().get(0)).get(5).value()));

      stub.answer = StubTrackingServer.always(200);
      MetricFlusher next = flusher(stub);
      assertTrue(next.awaitDelivered(Instant.now().plusSeconds(60)));
      next.close();
      assertEquals(spilled, points(stub));
      assertEquals(0, spill.metricPoints());
    }
  }

  @Test
  void aRefusedBatchIsNarrowedToTheRefusedPoint_theOthersAndLaterBatchesArrive() throws Exception {
    // Like MLflow (INVALID_PARAMETER_VALUE), the stub refuses every batch holding the key "bad!".
    StubTrackingServer.Answer answer = (path, body, earlier) -> body.contains("bad!") ? 400 : 200;
    try (StubTrackingServer stub = new StubTrackingServer(answer)) {
      Rejections rejections = new Rejections(err);
      MetricFlusher f =
          new MetricFlusher(
              new TrackingHttp(stub.uri()), RUN, new SpillFolder(tmp, RUN), rejections, FAST, err);
      for (int step = 1; step <= 10; step++) {
        f.add("loss_g", step, step);
        if (step == 4) {
          f.add("bad!", 1, step);
        }
      }
      assertTrue(f.awaitDelivered(Instant.now().plusSeconds(60)));
      for (int step = 11; step <= 20; step++) {
        f.add("loss_g", step, step);
      }
      assertTrue(f.awaitDelivered(Instant.now().plusSeconds(60)));
      f.close();

      List<Long> steps = new ArrayList<>();
      for (String p : points(stub)) {
        assertTrue(p.startsWith("loss_g@"), p);
        steps.add(Long.parseLong(p.split("@")[1]));
      }
      steps.sort(null);
      assertEquals(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList(), steps);
      assertEquals(1, rejections.count());
      assertTrue(
          new String(rejections.json(), StandardCharsets.UTF_8).contains("metric bad! at step 4"));
    }
  }
}
