package dev.atelier.ui.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.ui.rest.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The whole path of one sweep through every real component: the Airflow-style trigger, the Temporal
 * workflows, the local job launcher running the real DJL trainer, MLflow, the promotion into
 * MLflow's registry and the audit row in PostgreSQL. Asserted through MLflow's own REST API.
 *
 * <pre>
 *   prepare_dataset ──> train[0] (latent 8)  ──> pick_best
 *                  └──> train[1] (latent 16) ──┘
 * </pre>
 */
@QuarkusTest
class EndToEndSweepTest {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final String SR_DAG = "emoji_srgan_sweep";
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir Path images;

  @TestHTTPResource("/")
  URL app;

  private final MlflowRest mlflow = new MlflowRest(env("ATELIER_MLFLOW_URI"));

  private static RequestSpecification admin() {
    return given().auth().preemptive().basic("admin", "admin").contentType("application/json");
  }

  @Test
  void tinySweep_runsTwoTrials_logsToMlflow_andPromotionMovesChampion() throws Exception {
    SyntheticImages.write(images, 48);
    String runId =
        trigger(
            Map.of(
                "dataset_path", images.toString(),
                "steps", 12,
                "batch_size", 16,
                "sample_every", 6,
                "learning_rates", List.of(0.0002),
                "latent_dims", List.of(8, 16),
                "max_parallel_trials", 2));
    assertEquals("success", awaitEnd(runId, Duration.ofMinutes(6)));

    List<JsonNode> trials =
        mlflow.searchRuns(
            "atelier/" + DAG,
            "tags.`atelier.run_id` = '" + runId + "' and tags.`atelier.task_id` = 'train'");
    List<JsonNode> children =
        trials.stream().filter(r -> MlflowRest.tag(r, "mlflow.parentRunId") != null).toList();
    assertEquals(2, children.size(), "one MLflow child run per trial");
    Set<String> parents = new HashSet<>();
    for (JsonNode run : children) {
      String id = run.at("/info/run_id").asText();
      parents.add(MlflowRest.tag(run, "mlflow.parentRunId"));
      assertEquals("FINISHED", run.at("/info/status").asText());
      JsonNode history =
          mlflow.get(
              "/api/2.0/mlflow/metrics/get-history", Map.of("run_id", id, "metric_key", "loss_g"));
      assertEquals(12, history.path("metrics").size(), "one loss_g value per step");
      JsonNode samples =
          mlflow.get("/api/2.0/mlflow/artifacts/list", Map.of("run_id", id, "path", "samples"));
      Set<String> files = new HashSet<>();
      samples.path("files").forEach(f -> files.add(f.path("path").asText()));
      assertTrue(files.contains("samples/step_0000006.png"), "grid at step 6: " + files);
      assertTrue(files.contains("samples/step_0000012.png"), "grid at step 12: " + files);
      byte[] png = mlflow.bytes("/get-artifact?path=samples/step_0000012.png&run_uuid=" + id);
      assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 4), "the grid is a PNG");
    }
    assertEquals(1, parents.size(), "both trials share one parent run");

    String promoted = children.get(0).at("/info/run_id").asText();
    String model =
        admin()
            .body(Map.of("reason", "sharpest grid at step 12", "step", 12))
            .post("/api/atelier/runs/{id}/promote", promoted)
            .then()
            .statusCode(201)
            .extract()
            .path("model_name");
    // One registered model per GAN family and dataset (RegisteredModels): dcgan_<the temp dir>.
    assertEquals(
        "dcgan_" + images.getFileName().toString().toLowerCase(java.util.Locale.ROOT), model);
    JsonNode alias =
        mlflow.get(
            "/api/2.0/mlflow/registered-models/alias", Map.of("name", model, "alias", "champion"));
    assertEquals(promoted, alias.at("/model_version/run_id").asText());
    admin()
        .get("/api/atelier/promotions")
        .then()
        .statusCode(200)
        .body("[0].mlflow_run_id", equalTo(promoted))
        .body("[0].promoted_by", equalTo("admin"))
        .body("[0].reason", equalTo("sharpest grid at step 12"));
  }

  @Test
  void conditionalSweep_trainsOnClassFolders_andItsRunNamesTheClasses() throws Exception {
    SyntheticImages.write(images.resolve("circles"), 16);
    SyntheticImages.write(images.resolve("squares"), 16);
    String runId =
        trigger(
            Map.of(
                "dataset_path",
                images.toString(),
                "model",
                "cdcgan32",
                "steps",
                4,
                "batch_size",
                8,
                "sample_every",
                4,
                "learning_rates",
                List.of(0.0002),
                "latent_dims",
                List.of(8)));
    assertEquals("success", awaitEnd(runId, Duration.ofMinutes(4)));

    List<JsonNode> trials =
        mlflow.searchRuns(
            "atelier/" + DAG,
            "tags.`atelier.run_id` = '" + runId + "' and tags.`atelier.task_id` = 'train'");
    JsonNode child =
        trials.stream()
            .filter(r -> MlflowRest.tag(r, "mlflow.parentRunId") != null)
            .findFirst()
            .orElseThrow();
    Map<String, String> params = new java.util.HashMap<>();
    child
        .at("/data/params")
        .forEach(p -> params.put(p.path("key").asText(), p.path("value").asText()));
    assertEquals("cdcgan32", params.get("model"));
    assertEquals("2", params.get("num_classes"), "one class per sub-folder: " + params);
    assertEquals("circles,squares", params.get("class_names"));
  }

  /**
   * The super-resolution sweep through the same path: two real {@code srgan4x} trials (adversarial
   * weight 0 and 1e-3), their probe PSNR in MLflow, {@code pick_best} on the highest, the compare
   * page showing both input | SR | truth sheets undistorted, and Promote filing the winner under
   * the SR champion, not the GAN's.
   *
   * <pre>
   *   prepare_dataset ──> train[0] (adv 0)     ──> pick_best (max psnr)
   *                  └──> train[1] (adv 1e-3) ──┘
   * </pre>
   */
  @Test
  void srSweep_trainsTwoSrTrials_picksTheHighestPsnr_andTheComparePageShowsTheirSheets()
      throws Exception {
    SyntheticImages.write(images, 24);
    String runId =
        trigger(
            SR_DAG,
            Map.ofEntries(
                Map.entry("dataset_path", images.toString()),
                Map.entry("image_size", 16),
                Map.entry("steps", 6),
                Map.entry("batch_size", 8),
                Map.entry("sample_every", 3),
                Map.entry("learning_rates", List.of(0.0005)),
                Map.entry("adversarial_weights", List.of(0, 0.001)),
                Map.entry("g_width", 8),
                Map.entry("d_width", 8),
                Map.entry("residual_blocks", 1),
                Map.entry("content_only_steps", 2),
                Map.entry("max_parallel_trials", 2)));
    assertEquals("success", awaitEnd(SR_DAG, runId, Duration.ofMinutes(4)));

    List<JsonNode> children =
        mlflow
            .searchRuns(
                "atelier/" + SR_DAG,
                "tags.`atelier.run_id` = '" + runId + "' and tags.`atelier.task_id` = 'train'")
            .stream()
            .filter(r -> MlflowRest.tag(r, "mlflow.parentRunId") != null)
            .toList();
    assertEquals(2, children.size(), "one MLflow child run per SR trial");
    String bestRun = null;
    double bestPsnr = Double.NEGATIVE_INFINITY;
    for (JsonNode run : children) {
      String id = run.at("/info/run_id").asText();
      assertEquals("FINISHED", run.at("/info/status").asText());
      JsonNode psnr =
          mlflow.get(
              "/api/2.0/mlflow/metrics/get-history", Map.of("run_id", id, "metric_key", "psnr"));
      assertEquals(2, psnr.path("metrics").size(), "psnr at steps 3 and 6: " + psnr);
      double last = 0;
      for (JsonNode m : psnr.path("metrics")) {
        if (m.path("step").asLong() == 6) {
          last = m.path("value").asDouble();
        }
      }
      assertTrue(last > 5 && last < 100, "a PSNR in dB: " + last);
      if (last > bestPsnr) {
        bestPsnr = last;
        bestRun = id;
      }
      byte[] png = mlflow.bytes("/get-artifact?path=samples/step_0000006.png&run_uuid=" + id);
      assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 4), "the input | SR | truth sheet is a PNG");
    }

    JsonNode picked =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                admin()
                    .queryParam("deserialize", "true")
                    .get(
                        "/api/v1/dags/{dag}/dagRuns/{run}/taskInstances/pick_best/xcomEntries/"
                            + "return_value",
                        SR_DAG,
                        runId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString())
            .path("value");
    assertEquals("psnr", picked.path("metric").asText(), picked.toString());
    assertEquals(bestRun, picked.path("mlflow_run_id").asText(), "pick_best took the max psnr");
    assertEquals(bestPsnr, picked.path("value").asDouble(), 1e-9);

    try (Browser browser = new Browser()) {
      browser.driver.get(
          "http://admin:admin@"
              + app.getHost()
              + ":"
              + app.getPort()
              + "/ui/compare.html?dag="
              + SR_DAG
              + "&run="
              + URLEncoder.encode(runId, StandardCharsets.UTF_8));
      // The page shows a thumbnail of each run's step-6 sheet (CompareResource's grids).
      String sheet = "/grids/6?";
      browser
          .waiting()
          .withMessage(() -> "both SR sheets at step 6: " + page(browser))
          .until(
              d -> {
                List<WebElement> imgs = d.findElements(By.cssSelector("#grids .trial img"));
                return imgs.size() == 2
                    && imgs.stream()
                        .allMatch(
                            img ->
                                img.getAttribute("src").contains(sheet)
                                    && Boolean.TRUE.equals(
                                        browser.driver.executeScript(
                                            "return arguments[0].complete"
                                                + " && arguments[0].naturalWidth > 0",
                                            img)));
              });
      assertTrue(
          browser.driver.findElement(By.id("error")).getAttribute("hidden") != null,
          "no error on the page: " + page(browser));
      for (WebElement img : browser.driver.findElements(By.cssSelector("#grids .trial img"))) {
        @SuppressWarnings("unchecked")
        List<Number> size =
            (List<Number>)
                browser.driver.executeScript(
                    "const i = arguments[0]; return [i.naturalWidth, i.naturalHeight,"
                        + " i.clientWidth, i.clientHeight];",
                    img);
        double natural = size.get(1).doubleValue() / size.get(0).doubleValue();
        double shown = size.get(3).doubleValue() / size.get(2).doubleValue();
        assertTrue(natural != 1.0, "an SR sheet is not square: " + size);
        assertEquals(natural, shown, 0.02, "the sheet is shown undistorted: " + size);
      }
      for (WebElement card : browser.driver.findElements(By.cssSelector("#grids .trial"))) {
        assertTrue(card.getText().contains("psnr"), "the card shows psnr: " + card.getText());
        assertTrue(card.getText().contains("srgan4x"), card.getText());
      }
      assertTrue(
          browser.driver.findElement(By.id("hint")).getText().contains("input (enlarged)"),
          browser.driver.findElement(By.id("hint")).getText());

      Path shot = Path.of("target", "screenshots", "compare-sr.png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, browser.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));

      int best = picked.path("map_index").asInt();
      WebElement promote =
          browser
              .driver
              .findElement(By.cssSelector("#grids .trial[data-map-index='" + best + "']"))
              .findElement(By.cssSelector("button.promote"));
      assertTrue(promote.isEnabled(), "Promote enabled: " + promote.getAttribute("title"));
      promote.click();
      // The promote dialog names the registered model, shows the grid at the step, asks why.
      WebElement model =
          browser
              .waiting()
              .until(
                  ExpectedConditions.visibilityOfElementLocated(
                      By.cssSelector("dialog.promote-dialog .promote-model")));
      srModel = model.getText();
      assertTrue(srModel.startsWith("srgan4x_"), "one registered model per family: " + srModel);
      browser.driver.findElement(By.id("promote-reason")).sendKeys("sharpest enlargements");
      browser
          .waiting()
          .until(
              ExpectedConditions.elementToBeClickable(
                  By.cssSelector("dialog.promote-dialog button[type=submit]")))
          .click();
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("champion"), "sharpest enlargements"));
    }
    JsonNode alias =
        mlflow.get(
            "/api/2.0/mlflow/registered-models/alias",
            Map.of("name", srModel, "alias", "champion"));
    assertEquals(bestRun, alias.at("/model_version/run_id").asText());
  }

  private String srModel;

  private static String page(Browser browser) {
    return browser.driver.findElements(By.cssSelector("#grids .trial img")).stream()
            .map(i -> i.getAttribute("src"))
            .toList()
        + ", error: "
        + browser.driver.findElement(By.id("error")).getText();
  }

  @Test
  void unreadableImages_failTheTrialsWithTheTrainersReason() throws Exception {
    for (int i = 0; i < 3; i++) {
      Files.writeString(images.resolve("broken" + i + ".png"), "not a png");
    }
    String runId =
        trigger(
            Map.of(
                "dataset_path", images.toString(),
                "steps", 5,
                "learning_rates", List.of(0.0002),
                "latent_dims", List.of(8)));
    assertEquals("failed", awaitEnd(runId, Duration.ofMinutes(4)));
    admin()
        .get("/api/v1/dags/{dag}/dagRuns/{run}/taskInstances", DAG, runId)
        .then()
        .statusCode(200)
        .body("task_instances.find { it.task_id == 'train' }.state", equalTo("failed"))
        .body(
            "task_instances.find { it.task_id == 'train' }.note",
            org.hamcrest.Matchers.containsString("holds no readable images"));
  }

  private String trigger(Map<String, Object> conf) {
    return trigger(DAG, conf);
  }

  private String trigger(String dag, Map<String, Object> conf) {
    return admin()
        .body(Map.of("conf", conf))
        .post("/api/v1/dags/{dag}/dagRuns", dag)
        .then()
        .statusCode(200)
        .extract()
        .path("dag_run_id");
  }

  private String awaitEnd(String runId, Duration limit) throws InterruptedException {
    return awaitEnd(DAG, runId, limit);
  }

  private String awaitEnd(String dag, String runId, Duration limit) throws InterruptedException {
    return DemoRuns.awaitEnd(
        dag, runId, limit, "end-to-end test: promotion is tested through the runs API");
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: run the suite with ./atelier test");
    }
    return value;
  }
}
