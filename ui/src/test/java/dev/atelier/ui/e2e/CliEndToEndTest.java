package dev.atelier.ui.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./atelier dags|tasks|auth} (the cli module's jar, through the repository's script) against
 * this app, as a person runs them: list the Dags, pause and unpause one (the API then says so),
 * trigger it with a conf and poll its state to success (the task's XCom shows the conf), use a
 * bearer token, run its task in-process with {@code tasks test}; a viewer's trigger is refused with
 * the app's 403 message and exit 1, a bad {@code --conf} exits 2 and starts nothing.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class CliEndToEndTest {
  private static final String DAG = CliDag.DAG_ID;

  @TestHTTPResource("/")
  URL app;

  private String url() {
    return app.toString().replaceAll("/$", "");
  }

  private AtelierCommand as(String user, String password) {
    return new AtelierCommand(
        Map.of("ATELIER_URL", url(), "ATELIER_USER", user, "ATELIER_PASSWORD", password));
  }

  @Test
  void listPauseTriggerWithConf_andPollToSuccess() throws Exception {
    AtelierCommand admin = as("admin", "admin");

    AtelierCommand.Result list = admin.run("", "dags", "list");
    assertEquals(0, list.exit(), list.output());
    assertTrue(list.output().startsWith("DAG_ID"), list.output());
    assertTrue(
        Pattern.compile("(?m)^" + DAG + " +(true|false) +None +test").matcher(list.output()).find(),
        list.output());
    AtelierCommand.Result json = admin.run("", "dags", "list", "-o", "json");
    assertEquals(0, json.exit(), json.output());
    assertTrue(json.output().contains("\"dag_id\" : \"" + DAG + "\""), json.output());

    AtelierCommand.Result paused = admin.run("", "dags", "pause", DAG);
    assertEquals(0, paused.exit(), paused.output());
    admin().get("/api/v1/dags/" + DAG).then().statusCode(200).body("is_paused", equalTo(true));
    AtelierCommand.Result unpaused = admin.run("", "dags", "unpause", DAG);
    assertEquals(0, unpaused.exit(), unpaused.output());
    admin().get("/api/v1/dags/" + DAG).then().statusCode(200).body("is_paused", equalTo(false));

    String runId = "cli_" + UUID.randomUUID().toString().substring(0, 8);
    AtelierCommand.Result triggered =
        admin.run(
            "", "dags", "trigger", DAG, "--conf", "{\"greeting\": \"bonjour\"}", "--run-id", runId);
    assertEquals(0, triggered.exit(), triggered.output());
    assertTrue(triggered.output().contains(runId), triggered.output());
    assertTrue(triggered.output().contains("{\"greeting\":\"bonjour\"}"), triggered.output());

    String state = "";
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (!state.equals("success") && System.nanoTime() < deadline) {
      AtelierCommand.Result polled = admin.run("", "dags", "state", DAG, runId);
      assertEquals(0, polled.exit(), polled.output());
      state = polled.output().strip();
      assertTrue(state.matches("queued|running|success"), "a run state: " + state);
      if (!state.equals("success")) {
        Thread.sleep(1000);
      }
    }
    assertEquals("success", state);
    admin()
        .queryParam("deserialize", "true")
        .get(
            "/api/v1/dags/"
                + DAG
                + "/dagRuns/"
                + runId
                + "/taskInstances/greet/xcomEntries/return_value")
        .then()
        .statusCode(200)
        .body("value", equalTo("bonjour, world"));

    // A bearer token from `auth token` signs the next command in instead of the password.
    AtelierCommand.Result token = admin.run("", "auth", "token");
    assertEquals(0, token.exit(), token.output());
    String jwt = token.output().strip();
    AtelierCommand withToken =
        new AtelierCommand(
            Map.of("ATELIER_URL", url(), "ATELIER_TOKEN", jwt, "ATELIER_PASSWORD", "wrong"));
    AtelierCommand.Result viaToken = withToken.run("", "dags", "state", DAG, runId);
    assertEquals(0, viaToken.exit(), viaToken.output());
    assertEquals("success", viaToken.output().strip());

    AtelierCommand.Result missing = admin.run("", "dags", "state", DAG, "no_such_run");
    assertEquals(3, missing.exit(), missing.output());
  }

  @Test
  void aViewersTrigger_exits1_withThe403Message_andABadConf_exits2() throws Exception {
    String viewer = "cli-viewer-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .contentType(ContentType.JSON)
        .body(Map.of("username", viewer, "role", "viewer", "password", "a-viewer-password"))
        .post("/api/atelier/users")
        .then()
        .statusCode(201);
    try {
      int before = runCount();
      AtelierCommand.Result refused =
          as(viewer, "a-viewer-password").run("", "dags", "trigger", DAG);
      assertEquals(1, refused.exit(), refused.output());
      assertTrue(
          refused
              .output()
              .contains(
                  "atelier: dags trigger: the app refused (403): user '"
                      + viewer
                      + "' has role viewer; this needs role member"),
          refused.output());
      AtelierCommand.Result viewerLists = as(viewer, "a-viewer-password").run("", "dags", "list");
      assertEquals(0, viewerLists.exit(), viewerLists.output());

      AtelierCommand.Result badConf =
          as("admin", "admin").run("", "dags", "trigger", DAG, "--conf", "{greeting: hi}");
      assertEquals(2, badConf.exit(), badConf.output());
      assertTrue(
          badConf
              .output()
              .contains("Invalid value for option '--conf': '{greeting: hi}' is not valid JSON"),
          badConf.output());
      assertEquals(before, runCount(), "neither the refused nor the bad trigger started a run");
    } finally {
      admin().delete("/api/atelier/users/" + viewer).then().statusCode(204);
    }
  }

  @Test
  void tasksTest_runsTheTaskInProcess_recordingNothing() throws Exception {
    int before = runCount();
    AtelierCommand.Result r =
        as("admin", "admin")
            .run(
                "",
                "tasks",
                "test",
                DAG,
                "greet",
                "--dags-classpath",
                "target/test-classes",
                "--conf",
                "{\"greeting\": \"hej\"}");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("return_value  hej, world"), r.output());
    assertEquals(before, runCount(), "tasks test records no run");
  }

  private static io.restassured.specification.RequestSpecification admin() {
    return given().auth().preemptive().basic("admin", "admin");
  }

  private static int runCount() {
    return admin()
        .get("/api/v1/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(200)
        .extract()
        .path("total_entries");
  }
}
