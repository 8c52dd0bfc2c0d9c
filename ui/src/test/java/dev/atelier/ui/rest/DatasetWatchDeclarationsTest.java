package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.service.DatasetWatchDeclarations;
import dev.atelier.ui.service.DatasetWatchDeclarations.Declared;
import dev.atelier.workflows.schedule.AssetWatcher;
import dev.atelier.workflows.schedule.DagTimetable;
import dev.atelier.workflows.schedule.Dataset;
import dev.atelier.workflows.schedule.Timetable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@link AssetWatcher} declared in a Dag's schedule becomes a dataset source at registration:
 * its first version is recorded and the event goes to the dataset the Dag is scheduled on (not the
 * folder's own {@code file://} URI) with no API call; a declaration the rules refuse is skipped
 * without stopping anything, and a source that exists is left alone.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetWatchDeclarationsTest {
  @Inject DatasetWatchDeclarations declarations;
  @Inject DataSource dataSource;

  @TempDir Path folder;

  private final String name = "t-declared-" + UUID.randomUUID().toString().substring(0, 8);
  private final String uri = "atelier://test/" + name;

  @AfterAll
  void removeTheSource() {
    new RunFixtures(dataSource).sql("delete from dataset_source where name like 't-declared-%'");
  }

  @Test
  void aDeclaredWatcher_isRegistered_andItsVersionsEmitOnTheDagsDataset() throws Exception {
    for (int i = 0; i < 4; i++) {
      DatasetFixtures.png(folder.resolve("faces/f" + i + ".png"), 100 + i);
    }
    // As a Dag writes it: schedule=[Dataset(uri, watchers=[...])].
    DagTimetable timetable =
        new DagTimetable(
            "declares_a_watcher",
            Timetable.datasets(
                Dataset.of(uri)
                    .watchedBy(AssetWatcher.folder(name, folder.toString()).quietSeconds(1))),
            null,
            true);
    List<Declared> declared = DatasetWatchDeclarations.of(List.of(timetable));
    assertEquals(1, declared.size());
    List<Declared> withABadOne =
        List.of(
            new Declared(
                "atelier://test/nowhere",
                AssetWatcher.folder("t-declared-missing", folder.resolve("missing").toString())),
            declared.get(0));

    assertEquals(List.of(name), declarations.ensure(withABadOne), "the bad one is skipped");
    assertEquals(List.of(), declarations.ensure(withABadOne), "an existing source stays");

    Api.asAdmin()
        .get("/api/atelier/datasets")
        .then()
        .statusCode(200)
        .body("find { it.name == '" + name + "' }.dataset_uri", org.hamcrest.Matchers.equalTo(uri))
        .body("find { it.name == 't-declared-missing' }", org.hamcrest.Matchers.nullValue());

    // The watcher records version 1 and emits on the Dag's dataset, with nobody calling the API.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
    List<Map<String, Object>> events = List.of();
    while (Instant.now().isBefore(deadline) && events.isEmpty()) {
      Thread.sleep(500);
      List<Integer> ids =
          Api.asAdmin()
              .queryParam("uri_pattern", uri)
              .get("/api/v1/datasets")
              .then()
              .statusCode(200)
              .extract()
              .path("datasets.id");
      if (!ids.isEmpty()) {
        events =
            Api.asAdmin()
                .queryParam("dataset_id", ids.get(0))
                .get("/api/v1/datasets/events")
                .jsonPath()
                .getList("dataset_events");
      }
    }
    assertEquals(1, events.size(), "one event for the first version on " + uri);
    @SuppressWarnings("unchecked")
    Map<String, Object> extra = (Map<String, Object>) events.get(0).get("extra");
    assertEquals("watcher", extra.get("source"), extra.toString());
    assertEquals(1, ((Number) extra.get("version")).intValue());
    assertTrue(String.valueOf(extra.get("digest")).length() >= 16, extra.toString());
  }
}
