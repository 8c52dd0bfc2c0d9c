package dev.atelier.ui.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.trials.TrialDirs;
import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.config.AtelierConfig;
import dev.atelier.ui.rest.Browser;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * A searching sweep through every real component: the trigger, the real {@code SweepWorkflowImpl}
 * on Temporal choosing each trial (TPE) and stopping the ones that trail at a rung (ASHA), the real
 * DJL trainer checkpointing and exiting pruned, MLflow's record of it, {@code pick_best}, a lead's
 * live control, and the sweep page in Chromium.
 *
 * <pre>
 *   prepare_dataset ──> train[0..4]: lr ~ TPE, rungs at 10 and 30 of 90 steps ──> pick_best
 *                         │ while it runs: PATCH max_parallel_trials 1 (a lead)
 *                         └ trailing at a rung → stop → checkpoint, exit 4 → success "pruned: …"
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class SearchingSweepEndToEndTest {
  private static final String DAG = SearchingSweepDag.DAG_ID;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "searching-sweep-e2e";
  private static final String SWEEP = "/api/atelier/dags/{dag}/runs/{run}/sweeps/train";

  @TempDir Path images;

  @TestHTTPResource("/")
  URL app;

  @Inject DataSource dataSource;
  @Inject AtelierConfig config;

  private final MlflowRest mlflow = new MlflowRest(System.getenv("ATELIER_MLFLOW_URI"));
  private final String lead = "lead_" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void aLead() throws Exception {
    sql(
        "insert into users (username, password_hash, role) values (?, ?, 'lead')",
        lead,
        BcryptUtil.bcryptHash(PASSWORD));
  }

  @AfterEach
  void removeTheLead() throws Exception {
    sql("delete from users where username = ?", lead);
  }

  @Test
  void searchingSweep_prunesAtRungs_recordsItsBest_picksIt_andTheSweepPageShowsIt()
      throws Exception {
    SyntheticImages.write(images, 48);
    String runId = trigger();

    // While it runs, a lead halves its parallelism through the real SweepWorkflowImpl.
    awaitControllable(runId, Duration.ofMinutes(3));
    JsonNode changed =
        JSON.readTree(
            asLead()
                .body(Map.of("max_parallel_trials", 1))
                .patch(SWEEP, DAG, runId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertEquals(1, changed.path("max_parallel_trials").asInt(), changed.toString());
    JsonNode during = sweep(runId);
    if (during.path("live").asBoolean()) {
      assertEquals(1, during.path("max_parallel_trials").asInt(), "the page reads the new limit");
    }

    assertEquals("success", awaitEnd(runId, Duration.ofMinutes(8)));
    assertEquals(
        1,
        sweep(runId).path("max_parallel_trials").asInt(),
        "the ended sweep's page shows the limit it ended with, not the declared 2");

    // The task grid: five mapped instances, all success, at least one noted pruned.
    Map<Integer, JsonNode> trials = trainInstances(runId);
    assertEquals(
        SearchingSweepDag.TRIALS, trials.size(), "one mapped instance per trial: " + trials);
    Integer pruned = null;
    for (var e : trials.entrySet()) {
      assertEquals("success", e.getValue().path("state").asText(), e.getValue().toString());
      if (e.getValue().path("note").asText().startsWith("pruned: ")) {
        pruned = e.getKey();
      }
    }
    assertNotNull(pruned, "ASHA stopped at least one of five trials: " + trials.values());

    // MLflow: the pruned trial's run says so, and its checkpoint is at the step it stopped.
    List<JsonNode> runs =
        mlflow.searchRuns(
            "atelier/" + DAG,
            "tags.`atelier.run_id` = '" + runId + "' and tags.`atelier.task_id` = 'train'");
    Map<Integer, JsonNode> children = new HashMap<>();
    JsonNode parent = null;
    for (JsonNode r : runs) {
      if (MlflowRest.tag(r, "mlflow.parentRunId") == null) {
        parent = r;
      } else {
        children.put(Integer.parseInt(MlflowRest.tag(r, "atelier.map_index")), r);
      }
    }
    assertEquals(SearchingSweepDag.TRIALS, children.size(), "one MLflow child run per trial");
    JsonNode prunedRun = children.get(pruned);
    assertEquals("PRUNED", MlflowRest.tag(prunedRun, "atelier.status"));
    assertEquals("rung", MlflowRest.tag(prunedRun, "atelier.stop_reason"));
    assertEquals("FINISHED", prunedRun.at("/info/status").asText(), "pruned is not a failure");
    // The local launcher's work folder: <home>/trials (AtelierWorker), then the trial's own.
    Path dir =
        TrialDirs.of(
            config.home().toAbsolutePath().normalize().resolve("trials"),
            DAG,
            runId,
            "train",
            pruned);
    JsonNode result = JSON.readTree(dir.resolve("result.json").toFile());
    assertEquals("PRUNED", result.path("status").asText(), result.toString());
    assertEquals(4, result.path("exit_code").asInt(), "the documented pruned exit code");
    int stoppedAt = result.path("last_step").asInt();
    assertTrue(stoppedAt < SearchingSweepDag.STEPS, "stopped before the end: " + result);
    JsonNode checkpoint = JSON.readTree(dir.resolve("checkpoints/final/checkpoint.json").toFile());
    assertEquals(stoppedAt, checkpoint.path("step").asInt(), "checkpointed where it stopped");
    Map<String, String> uploaded = new HashMap<>();
    mlflow
        .get(
            "/api/2.0/mlflow/artifacts/list",
            Map.of("run_id", prunedRun.at("/info/run_id").asText(), "path", "checkpoints/final"))
        .path("files")
        .forEach(f -> uploaded.put(f.path("path").asText(), f.path("file_size").asText()));
    assertTrue(
        uploaded.containsKey("checkpoints/final/checkpoint.json"),
        "the checkpoint is in MLflow too: " + uploaded);

    // The parent run records the search and its best trial; pick_best agrees with it.
    assertNotNull(parent, "the sweep's parent run");
    Map<String, String> params = new HashMap<>();
    parent
        .at("/data/params")
        .forEach(p -> params.put(p.path("key").asText(), p.path("value").asText()));
    assertTrue(
        params.keySet().stream().anyMatch(k -> k.startsWith("search.")),
        "the space, algorithm and budget as search.* params: " + params);
    int best = Integer.parseInt(MlflowRest.tag(parent, "atelier.best_trial"));
    String bestRunId = MlflowRest.tag(parent, "atelier.best_run_id");
    assertTrue(
        !trials.get(best).path("note").asText().startsWith("pruned"),
        "the best trial completed: " + trials.get(best));
    assertEquals(children.get(best).at("/info/run_id").asText(), bestRunId);
    JsonNode picked = pickedBy(runId);
    assertEquals(best, picked.path("map_index").asInt(), "pick_best took the sweep's best");
    assertEquals(bestRunId, picked.path("mlflow_run_id").asText());

    // The sweep page: every trial a point, the pruned one on the ladder with its reason.
    try (Browser browser = new Browser()) {
      browser.driver.get(
          "http://admin:admin@"
              + app.getHost()
              + ":"
              + app.getPort()
              + "/ui/sweep.html?dag="
              + DAG
              + "&run="
              + URLEncoder.encode(runId, StandardCharsets.UTF_8)
              + "&task=train");
      browser
          .waiting()
          .withMessage(() -> "the top grids load: " + text(browser, "top") + text(browser, "error"))
          .until(
              d -> {
                List<WebElement> imgs = d.findElements(By.cssSelector("#top img"));
                return !imgs.isEmpty()
                    && imgs.stream()
                        .allMatch(
                            img ->
                                Boolean.TRUE.equals(
                                    browser.driver.executeScript(
                                        "return arguments[0].complete"
                                            + " && arguments[0].naturalWidth > 0",
                                        img)));
              });
      assertEquals(
          SearchingSweepDag.TRIALS,
          browser.driver.findElements(By.cssSelector("#scatters circle.pt")).size(),
          "one point per trial on the lr scatter");
      WebElement rung =
          browser.driver.findElement(By.cssSelector("#ladder .ladder-group[data-reason=rung]"));
      assertTrue(rung.getText().contains("#" + pruned), rung.getText());
      assertTrue(rung.getText().contains("step " + stoppedAt), rung.getText());
      assertTrue(
          rung.getText().contains(MlflowRest.tag(prunedRun, "atelier.stop_detail")),
          rung.getText());
      assertTrue(text(browser, "error").isEmpty(), text(browser, "error"));
      browser.driver.manage().window().setSize(new Dimension(1400, 2600));
      Path shot = Path.of("target", "screenshots", "searching-sweep.png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, browser.driver.getScreenshotAs(OutputType.BYTES));
      assertEquals(List.of(), browser.severeLogs(), "no errors in the page's console");
    }
  }

  /**
   * A lead stops the sweep while its first two trials run: no other trial starts, the running ones
   * stop with their checkpoints, noted pruned by {@code sweep_stopped} and the lead's name, and the
   * run still ends with the best of what it has (every trial pruned: pick_best takes the best one).
   */
  @Test
  void stoppedWhileTrialsRun_runEnds_stoppedTrialsPrunedBySweepStopped() throws Exception {
    SyntheticImages.write(images, 48);
    String runId = trigger();
    awaitControllable(runId, Duration.ofMinutes(3));
    awaitTwoTrialsPastTheirFirstEvaluation(runId, Duration.ofMinutes(3));
    JsonNode stopped =
        JSON.readTree(
            asLead().post(SWEEP + "/stop", DAG, runId).then().statusCode(200).extract().asString());
    assertTrue(stopped.path("stopping").asBoolean(), stopped.toString());
    // A trial the rung already stopped may have freed a slot for a third before the lead's stop.
    int atTheStop = sweep(runId).path("trials").size();

    String end = awaitEnd(runId, Duration.ofMinutes(5));

    Map<Integer, JsonNode> trials = trainInstances(runId);
    assertEquals(atTheStop, trials.size(), "no trial starts after the stop: " + trials.values());
    for (JsonNode ti : trials.values()) {
      assertEquals("success", ti.path("state").asText(), ti.toString());
      assertTrue(ti.path("note").asText().startsWith("pruned: "), ti.toString());
    }
    String best = null;
    int stoppedByTheLead = 0;
    for (JsonNode run :
        mlflow.searchRuns(
            "atelier/" + DAG,
            "tags.`atelier.run_id` = '" + runId + "' and tags.`atelier.task_id` = 'train'")) {
      if (MlflowRest.tag(run, "mlflow.parentRunId") == null) {
        best = MlflowRest.tag(run, "atelier.best_trial");
        continue;
      }
      assertEquals("PRUNED", MlflowRest.tag(run, "atelier.status"));
      assertEquals("FINISHED", run.at("/info/status").asText());
      // Any trial still running at the stop ends sweep_stopped; one the rung condemned first, rung.
      String reason = MlflowRest.tag(run, "atelier.stop_reason");
      if (reason.equals("sweep_stopped")) {
        stoppedByTheLead++;
        String note =
            trials
                .get(Integer.parseInt(MlflowRest.tag(run, "atelier.map_index")))
                .path("note")
                .asText();
        assertTrue(note.contains(lead), "names who stopped it: " + note);
      } else {
        assertEquals("rung", reason);
      }
    }
    assertTrue(stoppedByTheLead > 0, "the trial the rung kept was running at the stop");
    assertEquals("success", end, "the sweep kept its best trial: " + trials.values());
    assertNotNull(best, "the parent run names the best of the stopped trials");
    assertEquals(Integer.parseInt(best), pickedBy(runId).path("map_index").asInt());
  }

  private String trigger() {
    return admin()
        .body(Map.of("conf", Map.of("dataset_path", images.toString())))
        .post("/api/v1/dags/{dag}/dagRuns", DAG)
        .then()
        .statusCode(200)
        .extract()
        .path("dag_run_id");
  }

  /** pick_best's XCom: the trial it picked. */
  private static JsonNode pickedBy(String runId) throws Exception {
    return JSON.readTree(
            admin()
                .queryParam("deserialize", "true")
                .get(
                    "/api/v1/dags/{dag}/dagRuns/{run}/taskInstances/pick_best/xcomEntries/"
                        + "return_value",
                    DAG,
                    runId)
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .path("value");
  }

  private Map<Integer, JsonNode> trainInstances(String runId) throws Exception {
    JsonNode instances =
        JSON.readTree(
            admin()
                .get("/api/v1/dags/{dag}/dagRuns/{run}/taskInstances", DAG, runId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    Map<Integer, JsonNode> trials = new HashMap<>();
    for (JsonNode ti : instances.path("task_instances")) {
      if (ti.path("task_id").asText().equals("train")) {
        trials.put(ti.path("map_index").asInt(), ti);
      }
    }
    return trials;
  }

  private void awaitTwoTrialsPastTheirFirstEvaluation(String runId, Duration limit)
      throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      int evaluated = 0;
      for (JsonNode t : sweep(runId).path("trials")) {
        if (t.path("state").asText().equals("running")
            && t.path("last_step").asLong() >= SearchingSweepDag.EVERY) {
          evaluated++;
        }
      }
      if (evaluated == 2) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("two trials never ran past step " + SearchingSweepDag.EVERY);
  }

  private void awaitControllable(String runId, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      var resp = admin().get(SWEEP, DAG, runId);
      if (resp.statusCode() == 200 && resp.jsonPath().getBoolean("controllable")) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("the sweep of " + runId + " never became controllable");
  }

  private JsonNode sweep(String runId) throws Exception {
    return JSON.readTree(
        admin().get(SWEEP, DAG, runId).then().statusCode(200).extract().asString());
  }

  private String awaitEnd(String runId, Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    String state = "";
    while (Instant.now().isBefore(deadline)) {
      state =
          admin()
              .get("/api/v1/dags/{dag}/dagRuns/{run}", DAG, runId)
              .then()
              .statusCode(200)
              .extract()
              .path("state");
      if (state.equals("success") || state.equals("failed")) {
        return state;
      }
      Thread.sleep(1000);
    }
    return "still " + state + " after " + limit;
  }

  private static RequestSpecification admin() {
    return given().auth().preemptive().basic("admin", "admin").contentType("application/json");
  }

  private RequestSpecification asLead() {
    return given().auth().preemptive().basic(lead, PASSWORD).contentType("application/json");
  }

  private static String text(Browser browser, String id) {
    return browser.driver.findElement(By.id(id)).getText();
  }

  private void sql(String statement, Object... args) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }
}
