package dev.atelier.ui.rest;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The dataset watcher's latency (issue 13): from the last file of a copy landing in a watched
 * folder to the dataset event the watcher emits (the event is where the Dags scheduled on the
 * dataset get their runs, in the same call: {@code DatasetEventEmitter}). Each round copies {@code
 * bench.files} new PNGs one after the other into the folder, notes when the last one was written,
 * and waits for the next event; the reference in the same round is a producer that posts the event
 * itself through {@code POST /api/v1/datasets/events} right after its copy (what Atelier needed
 * before the watcher). Not a test (no timing is asserted): run it with {@code ./bench/watcher.sh};
 * it writes {@code target/bench/watcher.json}. Results: {@code bench/RESULTS.md}.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class DatasetWatcherBench {
  @Inject DataSource dataSource;

  private static byte[] png(int seed) throws Exception {
    return DatasetFixtures.blocks(seed, 64);
  }

  /** When the newest event of {@code uri} after {@code count} events was stored, or null. */
  private Instant eventAfter(String uri, int count) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select e.created_at from dataset_event e join dataset d on d.id = e.dataset_id"
                    + " where d.uri = ? order by e.id")) {
      ps.setString(1, uri);
      try (ResultSet rs = ps.executeQuery()) {
        int n = 0;
        Instant last = null;
        while (rs.next()) {
          n++;
          last = rs.getTimestamp(1).toInstant();
        }
        return n > count ? last : null;
      }
    }
  }

  private Instant awaitEvent(String uri, int count, Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      Instant at = eventAfter(uri, count);
      if (at != null) {
        return at;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no event " + (count + 1) + " on " + uri + " in " + limit);
  }

  @Test
  void watcherLatency() throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 10);
    int files = Integer.getInteger("bench.files", 20);
    int quiet = Integer.getInteger("bench.quiet", 2);
    String id = UUID.randomUUID().toString().substring(0, 8);
    Path folder = Files.createTempDirectory("atelier-watch-bench");
    for (int i = 0; i < 8; i++) {
      Files.write(folder.resolve("seed" + i + ".png"), png(i));
    }
    String name = "w-bench-" + id;
    String watched = "atelier://bench/watched-" + id;
    String posted = "atelier://bench/posted-" + id;
    Api.asAdmin()
        .body(
            Map.of(
                "name",
                name,
                "path",
                folder.toString(),
                "dataset_uri",
                watched,
                "quiet_seconds",
                quiet))
        .post("/api/atelier/datasets")
        .then()
        .statusCode(201);
    awaitEvent(watched, 0, Duration.ofSeconds(60));

    List<Map<String, Object>> rows = new ArrayList<>();
    int seed = 1000;
    for (int round = 1; round <= rounds; round++) {
      for (int f = 0; f < files; f++) {
        Files.write(folder.resolve("r" + round + "_" + f + ".png"), png(seed++));
      }
      Instant landed = Instant.now();
      Instant emitted = awaitEvent(watched, round, Duration.ofSeconds(120));

      // The reference: the producer copies, then posts the event itself.
      Instant copied = Instant.now();
      Api.asAdmin()
          .body(Map.of("dataset_uri", posted, "extra", Map.of("round", round)))
          .post("/api/v1/datasets/events")
          .then()
          .statusCode(200);
      Instant postedAt = awaitEvent(posted, round - 1, Duration.ofSeconds(10));

      long watcherMs = Duration.between(landed, emitted).toMillis();
      long apiMs = Duration.between(copied, postedAt).toMillis();
      rows.add(
          Map.of(
              "round", round,
              "watcher_ms", watcherMs,
              "after_quiet_ms", watcherMs - quiet * 1000L,
              "api_ms", apiMs));
      System.out.printf(
          "watcher bench round %d: watcher %d ms (%d ms after the %d s quiet period), api %d ms%n",
          round, watcherMs, watcherMs - quiet * 1000L, quiet, apiMs);
    }
    new RunFixtures(dataSource).sql("delete from dataset_source where name = ?", name);
    Path out = Path.of("target", "bench", "watcher.json");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out,
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(
                Map.of(
                    "files_per_round", files,
                    "quiet_seconds", quiet,
                    "load_average", Files.readString(Path.of("/proc/loadavg")).strip(),
                    "rounds", rows)));
  }
}
