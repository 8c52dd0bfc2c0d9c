package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A watched folder, end to end over HTTP: the watcher records versions on its own (no scan call),
 * with their diff and curation, and emits the dataset event; a broken folder shows its error and
 * emits nothing; registration rules and roles.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetWatcherTest {

  @Inject DataSource dataSource;
  private RoleUsers users;

  @BeforeAll
  void oneUserPerRole() {
    users = new RoleUsers(dataSource, "datasets");
  }

  @AfterAll
  void removeThem() {
    users.close();
    // The sources this class registered, so later runs on this database do not watch them.
    new RunFixtures(dataSource).sql("delete from dataset_source where name like 't-%'");
  }

  private static String name() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String register(String name, Path folder) {
    return users
        .as("lead")
        .body(Map.of("name", name, "path", folder.toString(), "quiet_seconds", 1))
        .post("/api/atelier/datasets")
        .then()
        .statusCode(201)
        .body("name", equalTo(name))
        .body("uri", equalTo("file://" + folder))
        .extract()
        .path("dataset_uri");
  }

  private List<Map<String, Object>> versions(String name) {
    return DatasetFixtures.versions(users.as("viewer"), name);
  }

  private List<Map<String, Object>> events(String uri) {
    return DatasetFixtures.events(() -> users.as("viewer"), uri);
  }

  @Test
  void copiedImages_becomeAVersionWithDiffCurationAndEvent_withoutAnApiCall() throws Exception {
    Path folder = Files.createTempDirectory("atelier-watch");
    for (int i = 0; i < 5; i++) {
      DatasetFixtures.png(folder.resolve("cats/c" + i + ".png"), i);
    }
    String name = name();
    String uri = register(name, folder);
    assertEquals("file://" + folder, uri, "the source's asset is its folder by default");

    DatasetFixtures.await("first version", () -> versions(name), v -> v.size() == 1);
    Map<String, Object> first = versions(name).get(0);
    assertEquals(5, first.get("file_count"));
    assertEquals(5, first.get("added_count"));
    assertEquals(Map.of("cats", 5), first.get("classes"));

    // A copy lands: 10 new images in a new class, an exact copy and a truncated file.
    for (int i = 0; i < 10; i++) {
      DatasetFixtures.png(folder.resolve("dogs/d" + i + ".png"), 100 + i);
    }
    Files.copy(folder.resolve("cats/c0.png"), folder.resolve("cats/c0-copy.png"));
    byte[] whole = Files.readAllBytes(folder.resolve("cats/c1.png"));
    Files.write(folder.resolve("dogs/broken.png"), Arrays.copyOf(whole, whole.length / 2));

    DatasetFixtures.await("second version", () -> versions(name), v -> v.size() == 2);
    Map<String, Object> second = versions(name).get(0);
    assertEquals(2, second.get("number"));
    assertEquals(17, second.get("file_count"));
    assertEquals(12, second.get("added_count"));
    assertEquals(0, second.get("removed_count"));
    @SuppressWarnings("unchecked")
    Map<String, Object> counts = (Map<String, Object>) second.get("curation_counts");
    assertEquals(1, counts.get("exact_duplicates"), counts.toString());
    assertEquals(
        1, (int) counts.get("unreadable") + (int) counts.get("truncated"), counts.toString());
    assertEquals(0, counts.get("near_duplicates"), counts.toString());
    assertEquals(15, counts.get("usable"), counts.toString());

    JsonPath detail =
        users
            .as("viewer")
            .get("/api/atelier/datasets/" + name + "/versions/2")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertTrue(detail.getList("added").contains("dogs/broken.png"));
    assertEquals(
        List.of(List.of("cats/c0-copy.png", "cats/c0.png")),
        detail.getList("curation.exact_duplicates"));
    assertEquals("dogs/broken.png", detail.getString("curation.rejected[0].path"));

    List<Map<String, Object>> events = events(uri);
    assertEquals(2, events.size(), "one event per version: " + events);
    @SuppressWarnings("unchecked")
    Map<String, Object> extra = (Map<String, Object>) events.get(1).get("extra");
    assertEquals("watcher", extra.get("source"));
    assertEquals(2, extra.get("version"));
    assertEquals(12, extra.get("added"));
    assertEquals(second.get("digest"), extra.get("digest"));
    assertEquals(((Number) second.get("event_id")).intValue(), events.get(1).get("id"));

    // A rewritten image is new content: scan now (before the watcher's quiet second is over)
    // answers the third version, modified 1.
    DatasetFixtures.png(folder.resolve("cats/c2.png"), 999);
    users
        .as("member")
        .post("/api/atelier/datasets/" + name + "/scan")
        .then()
        .statusCode(200)
        .body("result", equalTo("recorded"))
        .body("version.number", equalTo(3))
        .body("version.modified", equalTo(List.of("cats/c2.png")));
    // Nothing changed since: the scan records nothing.
    users
        .as("member")
        .post("/api/atelier/datasets/" + name + "/scan")
        .then()
        .statusCode(200)
        .body("result", equalTo("unchanged"))
        .body("version.number", equalTo(3));
  }

  @Test
  void removedFolder_showsLastError_emitsNothing_keepsTheVersion() throws Exception {
    Path folder = Files.createTempDirectory("atelier-watch");
    DatasetFixtures.png(folder.resolve("a.png"), 1);
    String name = name();
    String uri = register(name, folder);
    DatasetFixtures.await("first version", () -> versions(name), v -> v.size() == 1);

    try (Stream<Path> walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    DatasetFixtures.await(
        "the error shown",
        () ->
            users
                .as("viewer")
                .get("/api/atelier/datasets")
                .jsonPath()
                .getString("find { it.name == '" + name + "' }.last_error"),
        e -> e != null);
    JsonPath listed = users.as("viewer").get("/api/atelier/datasets").jsonPath();
    String prefix = "find { it.name == '" + name + "' }.";
    assertEquals(
        "path: '" + folder + "' is not a folder (missing or a file)",
        listed.getString(prefix + "last_error"));
    assertEquals(1, listed.getInt(prefix + "latest_version.number"), "the version is kept");
    assertEquals(1, events(uri).size(), "no event for a broken source");
    users
        .as("member")
        .post("/api/atelier/datasets/" + name + "/scan")
        .then()
        .statusCode(200)
        .body("result", equalTo("failed"))
        .body("error", containsString("is not a folder"))
        .body("version.number", equalTo(1));
  }

  @Test
  void registration_refusesBadInput_namingTheField() throws Exception {
    Path folder = Files.createTempDirectory("atelier-watch");
    DatasetFixtures.png(folder.resolve("a.png"), 1);
    Path empty = Files.createTempDirectory("atelier-empty");
    String name = name();
    Map<String, Object> ok = Map.of("name", name, "path", folder.toString());

    record Case(Map<String, Object> body, int status, String detail) {}
    List<Case> cases =
        List.of(
            new Case(Map.of("path", folder.toString()), 400, "name: 'null' must be"),
            new Case(
                Map.of("name", "Bad Name", "path", folder.toString()), 400, "name: 'Bad Name'"),
            new Case(Map.of("name", name), 400, "path: is required"),
            new Case(
                Map.of("name", name, "path", "relative/x"),
                400,
                "path: 'relative/x' must be an absolute"),
            new Case(
                Map.of("name", name, "path", folder + "/nope"), 400, "path: '" + folder + "/nope'"),
            new Case(Map.of("name", name, "path", empty.toString()), 400, "holds no images"),
            new Case(
                Map.of("name", name, "path", folder.toString(), "quiet_seconds", -1),
                400,
                "quiet_seconds: -1 must be between 0 and 3600"),
            new Case(
                Map.of("name", name, "path", folder.toString(), "near_dup_distance", 65),
                400,
                "near_dup_distance: 65 must be between 0 and 64"));
    for (Case c : cases) {
      users
          .as("lead")
          .body(c.body())
          .post("/api/atelier/datasets")
          .then()
          .statusCode(c.status())
          .body("detail", containsString(c.detail()));
    }
    users.as("lead").body(ok).post("/api/atelier/datasets").then().statusCode(201);
    users
        .as("lead")
        .body(ok)
        .post("/api/atelier/datasets")
        .then()
        .statusCode(409)
        .body("detail", containsString("name: '" + name + "' is taken"));
  }

  @Test
  void lowerRoles_areRefused() throws Exception {
    Path folder = Files.createTempDirectory("atelier-watch");
    DatasetFixtures.png(folder.resolve("a.png"), 1);
    String name = name();
    users
        .as("member")
        .body(Map.of("name", name, "path", folder.toString()))
        .post("/api/atelier/datasets")
        .then()
        .statusCode(403);
    users.as("viewer").get("/api/atelier/datasets").then().statusCode(200);
    assertNotNull(register(name, folder));
    users.as("viewer").post("/api/atelier/datasets/" + name + "/scan").then().statusCode(403);
    users.as("member").post("/api/atelier/datasets/" + name + "/scan").then().statusCode(200);
  }
}
