package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.service.ArtifactPaths;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promoting exactly what was seen, against the real MLflow and PostgreSQL: the version holds the
 * checkpoint of the step asked for (downloaded back and compared byte for byte), each model family
 * and dataset has its own registered model, unfinished trials are refused, concurrent promotions of
 * one model queue behind each other, and the alias never moves without its audit row.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class PromotionApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Inject DataSource dataSource;

  private final MlflowFixture mlflow = new MlflowFixture();

  private String trial(String model, String dataset) throws Exception {
    return mlflow.trialRun(
        "test_promote",
        MlflowFixture.uniqueRunId("test_promote"),
        0,
        400,
        Map.of("model", model, "dataset_path", "/data/" + dataset),
        100,
        200,
        300);
  }

  private static String uniqueModel() {
    return "test_promote_" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static io.restassured.response.ValidatableResponse promote(
      String runId, Object step, String reason, String model) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("step", step);
    body.put("reason", reason);
    if (model != null) {
      body.put("model", model);
    }
    return Api.asAdmin().body(body).post("/api/atelier/runs/" + runId + "/promote").then();
  }

  @Test
  void promote_step300_registersStep300sCheckpointWithItsEvidence() throws Exception {
    String run = trial("dcgan32", "faces");
    String model = uniqueModel();

    String location =
        promote(run, 300, "crispest eyes at 300", model)
            .statusCode(201)
            .body("step", equalTo(300))
            .body("checkpoint_path", equalTo("checkpoints/step_0000300"))
            .body("model_version", equalTo("1"))
            .extract()
            .header("Location");

    // The registered version's files are step 300's, not the final checkpoint's.
    JsonNode version =
        mlflowGet("model-versions/get?name=" + model + "&version=1").path("model_version");
    String source = version.path("source").asText();
    assertTrue(source.startsWith("models:/m-"), "the version comes from a logged model: " + source);
    String modelId = source.substring("models:/".length());
    JsonNode logged = mlflowGet("logged-models/" + modelId).path("model");
    String root = ArtifactPaths.proxyRoot(logged.path("info").path("artifact_uri").asText()).get();
    assertArrayEquals(MlflowFixture.generator(300), download(root + "/generator-0000.params"));
    assertEquals(300, JSON.readTree(download(root + "/checkpoint.json")).path("step").asInt());
    // The logged model carries the metrics at that step.
    boolean lossAt300 = false;
    for (JsonNode m : logged.path("data").path("metrics")) {
      lossAt300 |=
          m.path("key").asText().equals("loss_g")
              && m.path("step").asInt() == 300
              && Math.abs(m.path("value").asDouble() - 1.0 / 300) < 1e-12;
    }
    assertTrue(lossAt300, "logged model has loss_g at step 300: " + logged);

    Api.asAdmin()
        .get("/api/atelier/models/" + model + "/champion")
        .then()
        .statusCode(200)
        .body("version", equalTo("1"))
        .body("audit.step", equalTo(300));
    // The list form answers zero or one champion, never 404 (pages ask it).
    Api.asAdmin()
        .get("/api/atelier/champions?model=" + model)
        .then()
        .statusCode(200)
        .body("[0].version", equalTo("1"));
    Api.asAdmin()
        .get("/api/atelier/champions?model=" + uniqueModel())
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
    Api.asAdmin()
        .get("/api/atelier/champions?model=Bad Name")
        .then()
        .statusCode(400)
        .body("detail", org.hamcrest.Matchers.containsString("model: 'Bad Name'"));
    var evidence =
        Api.asAdmin()
            .get(location)
            .then()
            .statusCode(200)
            .body("evidence.grid_path", equalTo("samples/step_0000300.png"))
            .body("evidence.metrics.loss_g", equalTo((float) (1.0 / 300)))
            .body("evidence.params.model", equalTo("dcgan32"))
            .body("evidence.sheet_path", equalTo("promotions/" + model + "_v1_sheet.png"))
            .extract();
    byte[] grid =
        Api.asAdmin()
            .get(evidence.path("evidence.grid_url").toString())
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertArrayEquals(MlflowFixture.png(300), grid);
    Api.asAdmin()
        .get("/api/atelier/runs/" + run + "/artifacts/promotions/" + model + "_v1_sheet.png")
        .then()
        .statusCode(200)
        .contentType("image/png");
    assertEquals(
        1,
        count(
            "select count(*) from audit_log where action = 'promote' and target = 'model/"
                + model
                + "'"));
  }

  @Test
  void promote_finalExplicitly_registersTheFinalCheckpointAtItsRealStep() throws Exception {
    String run = trial("dcgan32", "faces");
    promote(run, "final", "the end", uniqueModel())
        .statusCode(201)
        .body("step", equalTo(400))
        .body("checkpoint_path", equalTo("checkpoints/final"));
  }

  @Test
  void promote_stepWithoutCheckpoint_is409NamingTheStep() throws Exception {
    String run = trial("dcgan32", "faces");
    promote(run, 250, "looked good", uniqueModel())
        .statusCode(409)
        .body("detail", containsString("step: 250 has no checkpoint"))
        .body("detail", containsString("100, 200, 300, final (400)"));
  }

  @Test
  void promote_badStepAndModelName_are400NamingFieldValueAndRule() throws Exception {
    String run = trial("dcgan32", "faces");
    promote(run, "soon", "x", uniqueModel())
        .statusCode(400)
        .body("detail", containsString("step: 'soon' must be a sample step"));
    promote(run, 300, "x", "Bad Name!")
        .statusCode(400)
        .body("detail", containsString("model: 'Bad Name!' must be 1 to 100 characters"));
  }

  @Test
  void promote_eachFamilyAndDataset_getsItsOwnRegisteredModel() throws Exception {
    String data = "faces-" + UUID.randomUUID().toString().substring(0, 8);
    String dcgan = trial("dcgan32", data);
    String progan = trial("progan", data);
    promote(dcgan, 300, "dcgan pick", null)
        .statusCode(201)
        .body("model_name", equalTo("dcgan_" + data));
    promote(progan, 200, "progan pick", null)
        .statusCode(201)
        .body("model_name", equalTo("progan_" + data));
    Api.asAdmin()
        .get("/api/atelier/models/dcgan_" + data + "/champion")
        .then()
        .body("mlflow_run_id", equalTo(dcgan));
    Api.asAdmin()
        .get("/api/atelier/models/progan_" + data + "/champion")
        .then()
        .body("mlflow_run_id", equalTo(progan));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PRUNED", "FAILED", "INTERRUPTED"})
  void promote_unfinishedTrial_is409NamingWhy(String status) throws Exception {
    String run = trial("dcgan32", "faces");
    mlflow.client.setTag(run, "atelier.status", status);
    String model = uniqueModel();
    promote(run, 300, "but it looked good", model)
        .statusCode(409)
        .body("detail", containsString("is a " + status + " trial"));
    Api.asAdmin().get("/api/atelier/models/" + model + "/champion").then().statusCode(404);
  }

  /** Two leads promote two trials into one model at the same moment. */
  @Test
  void promote_concurrently_isSerialised_eachRowNamesTheChampionItReplaced() throws Exception {
    String model = uniqueModel();
    String a = trial("dcgan32", "faces");
    String b = trial("dcgan32", "faces");
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> done = new ArrayList<>();
    for (String run : List.of(a, b)) {
      done.add(
          pool.submit(
              () -> {
                go.await();
                return promote(run, 300, "race", model).extract().statusCode();
              }));
    }
    go.countDown();
    for (Future<Integer> f : done) {
      assertEquals(201, f.get());
    }
    pool.shutdown();
    List<String[]> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select model_version, previous_version from promotion_audit where model_name = '"
                    + model
                    + "' order by id")) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    assertEquals(2, rows.size());
    assertEquals(null, rows.get(0)[1], "the first found no champion");
    assertEquals(rows.get(0)[0], rows.get(1)[1], "the second replaced the first");
    Api.asAdmin()
        .get("/api/atelier/models/" + model + "/champion")
        .then()
        .body("version", equalTo(rows.get(1)[0]));
  }

  /** A trigger that refuses the audit row: the alias must stay where it was. */
  @Test
  void promote_auditInsertFails_aliasNotMoved() throws Exception {
    String model = uniqueModel();
    promote(trial("dcgan32", "faces"), 300, "first", model).statusCode(201);
    String b = trial("dcgan32", "faces");
    exec(
        "create or replace function test_promote_refuse() returns trigger language plpgsql as"
            + " $$ begin raise exception 'refused by test'; end $$");
    exec(
        "create trigger test_promote_refuse before insert on promotion_audit for each row when"
            + " (new.model_name = '"
            + model
            + "') execute function test_promote_refuse()");
    try {
      promote(b, 200, "second", model).statusCode(500);
    } finally {
      exec("drop trigger test_promote_refuse on promotion_audit");
    }
    Api.asAdmin()
        .get("/api/atelier/models/" + model + "/champion")
        .then()
        .body("version", equalTo("1"));
    assertEquals(
        1, count("select count(*) from promotion_audit where model_name = '" + model + "'"));
  }

  /** A deferred trigger fails the commit after the alias moved: it is moved back. */
  @Test
  void promote_commitFailsAfterAliasMove_aliasMovedBack() throws Exception {
    String model = uniqueModel();
    promote(trial("dcgan32", "faces"), 300, "first", model).statusCode(201);
    String b = trial("dcgan32", "faces");
    exec(
        "create or replace function test_promote_refuse() returns trigger language plpgsql as"
            + " $$ begin raise exception 'refused at commit by test'; end $$");
    exec(
        "create constraint trigger test_promote_at_commit after insert on promotion_audit"
            + " deferrable initially deferred for each row when (new.model_name = '"
            + model
            + "') execute function test_promote_refuse()");
    try {
      promote(b, 200, "second", model).statusCode(500);
    } finally {
      exec("drop trigger test_promote_at_commit on promotion_audit");
    }
    Api.asAdmin()
        .get("/api/atelier/models/" + model + "/champion")
        .then()
        .body("version", equalTo("1"));
    assertEquals(
        1, count("select count(*) from promotion_audit where model_name = '" + model + "'"));
  }

  @Test
  void preview_namesTheModelTheCheckpointAndWhyItWouldBeRefused() throws Exception {
    String run = trial("dcgan32", "preview-set");
    Api.asAdmin()
        .get("/api/atelier/promotion-preview?mlflow_run_id=" + run + "&step=300")
        .then()
        .statusCode(200)
        .body("model_name", equalTo("dcgan_preview-set"))
        .body("checkpoint_path", equalTo("checkpoints/step_0000300"))
        .body(
            "grid_url", equalTo("/api/atelier/runs/" + run + "/artifacts/samples/step_0000300.png"))
        .body("refusal", equalTo(null));
    Api.asAdmin()
        .get("/api/atelier/promotion-preview?mlflow_run_id=" + run + "&step=250")
        .then()
        .statusCode(200)
        .body("refusal", containsString("step: 250 has no checkpoint"));
  }

  private void exec(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private long count(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private JsonNode mlflowGet(String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(mlflow.trackingUri + "/api/2.0/mlflow/" + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return JSON.readTree(r.body());
  }

  private byte[] download(String proxyPath) throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        mlflow.trackingUri + "/api/2.0/mlflow-artifacts/artifacts/" + proxyPath))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), proxyPath);
    return r.body();
  }

  @SuppressWarnings("unused")
  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
