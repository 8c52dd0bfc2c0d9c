package dev.atelier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API commands against a stub app: the request each sends (method, path, body, credentials),
 * what each prints as a table and as JSON, and the exit code of each kind of refusal.
 */
class ApiCommandsTest {
  private static final String RUN =
      "{\"dag_id\":\"d\",\"dag_run_id\":\"r1\",\"state\":\"queued\",\"logical_date\":"
          + "\"2026-01-01T00:00:00+00:00\",\"conf\":{\"lr\":0.5}}";

  private StubApp app;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    app = new StubApp();
    env = Map.of("ATELIER_URL", app.url(), "ATELIER_USER", "ada", "ATELIER_PASSWORD", "s3cret-pw");
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void trigger_postsTheConfAndRunId_withBasicAuth_andPrintsTheRun() throws Exception {
    app.answer("POST /api/v1/dags/d/dagRuns", 200, RUN);
    Cli.Result r =
        Cli.run(env, "dags", "trigger", "d", "--conf", "{\"lr\": 0.5}", "--run-id", "r1");
    assertEquals(0, r.exit(), r.toString());
    StubApp.Request sent = app.received.get(0);
    assertEquals("application/json", sent.contentType());
    JsonNode body = JsonObjectConverter.JSON.readTree(sent.body());
    assertEquals(0.5, body.path("conf").path("lr").asDouble());
    assertEquals("r1", body.path("dag_run_id").asText());
    assertEquals(
        "Basic "
            + Base64.getEncoder().encodeToString("ada:s3cret-pw".getBytes(StandardCharsets.UTF_8)),
        sent.authorization());
    assertTrue(r.out().startsWith("DAG_ID  DAG_RUN_ID  STATE   LOGICAL_DATE"), r.out());
    assertTrue(
        r.out().contains("d       r1          queued  2026-01-01T00:00:00+00:00  {\"lr\":0.5}"),
        r.out());
    assertFalse(r.out().contains("s3cret-pw") || r.err().contains("s3cret-pw"));
  }

  @Test
  void triggerWithoutConf_sendsAnEmptyConf() throws Exception {
    app.answer("POST /api/v1/dags/d/dagRuns", 200, RUN);
    assertEquals(0, Cli.run(env, "dags", "trigger", "d").exit());
    assertEquals("{\"conf\":{}}", app.received.get(0).body());
  }

  @Test
  void list_readsEveryPage_andPrintsATableOrJson() {
    StringBuilder first = new StringBuilder("{\"dags\":[");
    for (int i = 0; i < 100; i++) {
      first.append(i == 0 ? "" : ",").append(dag("dag_" + i, false));
    }
    first.append("],\"total_entries\":101}");
    app.answer("GET /api/v1/dags?limit=100&offset=0", 200, first.toString());
    app.answer(
        "GET /api/v1/dags?limit=100&offset=100",
        200,
        "{\"dags\":[" + dag("zeta", true) + "],\"total_entries\":101}");
    Cli.Result table = Cli.run(env, "dags", "list");
    assertEquals(0, table.exit(), table.toString());
    assertEquals(102, table.out().lines().count(), "a header and 101 Dags");
    assertTrue(
        table
            .out()
            .lines()
            .anyMatch(
                l ->
                    l.matches("zeta +True +0 3 \\* \\* \\* +ml,nightly +-")
                        || l.matches("zeta +true +0 3 \\* \\* \\* +ml,nightly +-")),
        table.out());
    Cli.Result json = Cli.run(env, "dags", "list", "-o", "json");
    assertEquals(0, json.exit());
    assertTrue(json.out().contains("\"dag_id\" : \"zeta\""), json.out());
    assertTrue(json.out().contains("\"is_paused\" : true"), json.out());
  }

  private static String dag(String id, boolean paused) {
    return "{\"dag_id\":\""
        + id
        + "\",\"is_paused\":"
        + paused
        + ",\"schedule_interval\":{\"__type\":\"CronExpression\",\"value\":\"0 3 * * *\"},"
        + "\"tags\":[{\"name\":\"ml\"},{\"name\":\"nightly\"}],\"next_dagrun\":null}";
  }

  @Test
  void pauseAndUnpause_patchIsPaused() throws Exception {
    app.answer(
        "PATCH /api/v1/dags/d?update_mask=is_paused", 200, "{\"dag_id\":\"d\",\"is_paused\":true}");
    Cli.Result r = Cli.run(env, "dags", "pause", "d");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("{\"is_paused\":true}", app.received.get(0).body());
    assertTrue(r.out().contains("d       true"), r.out());
    Cli.Result un = Cli.run(env, "dags", "unpause", "d");
    assertEquals("{\"is_paused\":false}", app.received.get(1).body());
    assertEquals(0, un.exit());
  }

  @Test
  void state_printsTheStateAlone_orTheRunAsJson() {
    app.answer("GET /api/v1/dags/d/dagRuns/manual__2026-01-01T00%3A00%3A00%2B00%3A00", 200, RUN);
    Cli.Result r = Cli.run(env, "dags", "state", "d", "manual__2026-01-01T00:00:00+00:00");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("queued\n", r.out());
    Cli.Result json =
        Cli.run(env, "dags", "state", "d", "manual__2026-01-01T00:00:00+00:00", "--output", "json");
    assertTrue(json.out().contains("\"state\" : \"queued\""), json.out());
  }

  @Test
  void refusals_exit1_withTheAppsDetail_notFound3_serverError1() {
    app.answer(
        "POST /api/v1/dags/d/dagRuns",
        403,
        "{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"'vi' has role viewer; this needs role member\"}");
    Cli.Result forbidden = Cli.run(env, "dags", "trigger", "d");
    assertEquals(1, forbidden.exit());
    assertEquals(
        "atelier: dags trigger: the app refused (403): 'vi' has role viewer; this needs role member\n",
        forbidden.err());

    Cli.Result missing = Cli.run(env, "dags", "state", "nope", "r");
    assertEquals(3, missing.exit());
    assertTrue(missing.err().contains("not found (404): no stub"), missing.err());

    app.answer("GET /api/v1/dags/d/dagRuns/r", 500, "boom");
    Cli.Result failed = Cli.run(env, "dags", "state", "d", "r");
    assertEquals(1, failed.exit());
    assertTrue(
        failed.err().contains("the app failed (500) on GET /api/v1/dags/d/dagRuns/r: boom"),
        failed.err());
  }

  @Test
  void anAppThatIsNotThere_exits4() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Cli.Result r = Cli.run(Map.of("ATELIER_URL", "http://127.0.0.1:" + closed), "dags", "list");
    assertEquals(4, r.exit());
    assertTrue(r.err().contains("cannot reach the app at http://127.0.0.1:" + closed), r.err());
  }

  @Test
  void credentials_fromAPasswordFile_orABearerToken(@TempDir Path dir) throws Exception {
    app.answer("GET /api/v1/dags/d/dagRuns/r", 200, RUN);
    Path pw = Files.writeString(dir.resolve("pw"), "from-file\n");
    assertEquals(
        0,
        Cli.run(env, "dags", "state", "d", "r", "--user", "bo", "--password-file", pw.toString())
            .exit());
    assertEquals(
        "Basic "
            + Base64.getEncoder().encodeToString("bo:from-file".getBytes(StandardCharsets.UTF_8)),
        app.received.get(0).authorization());
    Path token = Files.writeString(dir.resolve("token"), "eyJ.abc.def\n");
    assertEquals(
        0, Cli.run(env, "dags", "state", "d", "r", "--token-file", token.toString()).exit());
    assertEquals("Bearer eyJ.abc.def", app.received.get(1).authorization());
    Map<String, String> withToken = Map.of("ATELIER_URL", app.url(), "ATELIER_TOKEN", "tok");
    assertEquals(0, Cli.run(withToken, "dags", "state", "d", "r").exit());
    assertEquals("Bearer tok", app.received.get(2).authorization());
  }

  @Test
  void authToken_tradesTheUsersPasswordForAToken() throws Exception {
    app.answer(
        "POST /auth/token",
        201,
        "{\"access_token\":\"eyJ.x.y\",\"token_type\":\"bearer\",\"expires_in\":3600}");
    Cli.Result r = Cli.run(env, "auth", "token");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("eyJ.x.y\n", r.out());
    StubApp.Request sent = app.received.get(0);
    assertEquals(null, sent.authorization());
    JsonNode body = JsonObjectConverter.JSON.readTree(sent.body());
    assertEquals("ada", body.path("username").asText());
    assertEquals("s3cret-pw", body.path("password").asText());
  }

  @Test
  void assetEvents_ofOneAsset_lookTheUriUpFirst() {
    app.answer("GET /api/v1/datasets/s3%3A%2F%2Fb%2Fx", 200, "{\"id\":7,\"uri\":\"s3://b/x\"}");
    app.answer(
        "GET /api/v1/datasets/events?order_by=-timestamp&limit=100&dataset_id=7",
        200,
        "{\"dataset_events\":[{\"id\":12,\"dataset_id\":7,\"dataset_uri\":\"s3://b/x\",\"extra\":{\"rows\":3},"
            + "\"source_dag_id\":\"p\",\"source_task_id\":\"t\",\"source_run_id\":\"r\","
            + "\"created_dagruns\":[{\"dag_id\":\"c\",\"dag_run_id\":\"ds__1\"}],"
            + "\"timestamp\":\"2026-01-01T00:00:00+00:00\"}],\"total_entries\":1}");
    Cli.Result r = Cli.run(env, "assets", "events", "--asset", "s3://b/x");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("ID  ASSET_URI  SOURCE"), r.out());
    assertTrue(r.out().contains("12  s3://b/x   p.t r"), r.out());
    assertTrue(r.out().contains("c/ds__1"), r.out());
    Cli.Result unknown = Cli.run(env, "assets", "events", "--asset", "s3://b/none");
    assertEquals(3, unknown.exit());
  }

  @Test
  void backfill_postsTheRange_andListsCreatedAndExistingRuns() throws Exception {
    app.answer(
        "POST /api/atelier/dags/d/backfills",
        200,
        "{\"dag_id\":\"d\",\"dag_runs\":[{\"dag_run_id\":\"backfill__2026-01-02\",\"data_interval_start\":"
            + "\"2026-01-02\",\"data_interval_end\":\"2026-01-03\",\"state\":\"queued\"}],"
            + "\"existing_dag_run_ids\":[\"backfill__2026-01-01\"],\"total_entries\":1}");
    Cli.Result r =
        Cli.run(
            env,
            "backfill",
            "d",
            "--start",
            "2026-01-01T00:00:00Z",
            "--end",
            "2026-01-02T00:00:00Z",
            "--conf",
            "{\"k\":1}");
    assertEquals(0, r.exit(), r.toString());
    JsonNode body = JsonObjectConverter.JSON.readTree(app.received.get(0).body());
    assertEquals("2026-01-01T00:00:00Z", body.path("from_date").asText());
    assertEquals(1, body.path("dag_run_conf").path("k").asInt());
    assertTrue(r.out().startsWith("backfill of d: 1 run(s) created"), r.out());
    assertTrue(r.out().contains("backfill__2026-01-01  -"), r.out());
    assertTrue(r.out().contains("already there: left alone"), r.out());
  }
}
