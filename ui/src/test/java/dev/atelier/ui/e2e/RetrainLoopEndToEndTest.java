package dev.atelier.ui.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.datasets.S3Settings;
import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.rest.Browser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The retrain loop through every real part, with no API call to start it: images copied into the
 * folder {@link RetrainLoopDag} watches become a dataset version (diff, curation), the watcher's
 * event starts the retrain, the real trainer trains the challenger, {@code evaluate_champion} runs
 * the champion's promoted checkpoint on the new data as a trial of its own, and the review page
 * shows both side by side; approving moves the champion, and MLflow's runs carry the version's
 * digest as their dataset input.
 *
 * <pre>
 *   copy 100 images ─> version 1 ─> run 1 ─> review (champion, if any, measured) ─> approve
 *   copy 100 more   ─> version 2 ─> run 2 ─> evaluate_champion (run 1's best on v2) ─> review
 *                                             └ champion vs challenger table + sheet ─> approve
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class RetrainLoopEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One watched source: where images go, the Dag it starts, its registered model. */
  private interface Loop {
    String dag();

    String source();

    String model();

    void put(String name, byte[] png) throws Exception;

    void clear() throws Exception;
  }

  @TestHTTPResource("/")
  URL app;

  private final MlflowRest mlflow = new MlflowRest(System.getenv("ATELIER_MLFLOW_URI"));
  // New pixels every run: a version is a new digest, and an old test run's digest is no news.
  private final long seed = System.nanoTime();
  private String dag;
  private S3Client s3;

  /** The folder {@link RetrainLoopDag} watches. */
  private final Loop folderLoop =
      new Loop() {
        private final Path folder = RetrainLoopDag.folder();

        public String dag() {
          return RetrainLoopDag.DAG_ID;
        }

        public String source() {
          return RetrainLoopDag.SOURCE;
        }

        public String model() {
          return "dcgan_" + RetrainLoopDag.SOURCE;
        }

        public void put(String name, byte[] png) throws Exception {
          // Written aside and moved in, as a copy tool finishes a file.
          Path target = folder.resolve("faces/" + name);
          Files.createDirectories(target.getParent());
          Path tmp = target.resolveSibling("." + name + ".tmp");
          Files.write(tmp, png);
          Files.move(tmp, target);
        }

        public void clear() throws Exception {
          if (Files.exists(folder)) {
            try (Stream<Path> s = Files.walk(folder)) {
              for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                  Files.delete(p);
                }
              }
            }
          }
        }
      };

  /** The bucket prefix {@link RetrainLoopDag.Bucket} watches, on the S3 server the tests run. */
  private final Loop bucketLoop =
      new Loop() {
        public String dag() {
          return RetrainLoopDag.Bucket.DAG_ID;
        }

        public String source() {
          return RetrainLoopDag.Bucket.SOURCE;
        }

        public String model() {
          // The trials read the bucket's copy, a folder ending in the prefix's name.
          return "dcgan_faces";
        }

        public void put(String name, byte[] png) {
          s3().putObject(
                  b -> b.bucket(RetrainLoopDag.Bucket.BUCKET).key("faces/" + name),
                  RequestBody.fromBytes(png));
        }

        public void clear() {
          S3Client c = s3();
          if (c.listBuckets().buckets().stream()
              .noneMatch(b -> b.name().equals(RetrainLoopDag.Bucket.BUCKET))) {
            c.createBucket(b -> b.bucket(RetrainLoopDag.Bucket.BUCKET));
          }
          c.listObjectsV2Paginator(b -> b.bucket(RetrainLoopDag.Bucket.BUCKET).prefix("faces/"))
              .contents()
              .forEach(
                  o -> c.deleteObject(b -> b.bucket(RetrainLoopDag.Bucket.BUCKET).key(o.key())));
        }
      };

  private S3Client s3() {
    if (s3 == null) {
      String endpoint = System.getenv("ATELIER_S3_ENDPOINT");
      assertNotNull(endpoint, "./atelier test starts an S3 server and sets ATELIER_S3_ENDPOINT");
      s3 =
          new S3Settings(
                  endpoint,
                  System.getenv("ATELIER_S3_REGION"),
                  System.getenv("ATELIER_S3_ACCESS_KEY"),
                  System.getenv("ATELIER_S3_SECRET_KEY"))
              .client();
    }
    return s3;
  }

  @AfterEach
  void emptySources() throws Exception {
    folderLoop.clear();
    bucketLoop.clear();
    if (s3 != null) {
      s3.close();
    }
  }

  /** A review an earlier, interrupted run of this test left open would hold max_active_runs. */
  @BeforeEach
  void emptySourcesAndNoReviewLeftOpen() throws Exception {
    folderLoop.clear();
    bucketLoop.clear();
    for (JsonNode r : get("/api/atelier/reviews?state=pending")) {
      if (!r.path("dag_id").asText().startsWith(RetrainLoopDag.DAG_ID)) {
        continue;
      }
      admin()
          .body(Map.of("reason", "left open by an earlier test run"))
          .post("/api/atelier/reviews/" + r.path("id").asLong() + "/reject")
          .then()
          .statusCode(200);
    }
  }

  @Test
  void copiedImages_startTheRetrain_theReviewShowsChampionAgainstChallenger_approvingPromotes()
      throws Exception {
    loop(folderLoop, "retrain-review.png");
  }

  /** The same loop with the images put into a bucket prefix instead of a folder. */
  @Test
  void imagesPutInABucket_startTheRetrain_andMeetTheChampion() throws Exception {
    loop(bucketLoop, "retrain-review-s3.png");
  }

  private void loop(Loop loop, String screenshot) throws Exception {
    dag = loop.dag();
    String source = loop.source();
    String model = loop.model();
    Instant start = Instant.now();
    // Round 1: the first 100 images; whatever champion the model has (none on a fresh machine)
    // meets the challenger, and approving makes the challenger the champion.
    copyImages(loop, 0, 100);
    String run1 = awaitRunAfter(start, List.of());
    JsonNode review1 = awaitPendingReview(run1);
    String challenger1 = challenger(review1);
    approve(review1, challenger1);
    assertEquals("success", awaitEnd(run1));
    assertEquals(challenger1, champion(model).path("mlflow_run_id").asText(), "approved: champion");

    // Round 2: 100 more images. The watcher records version N+1 with the diff and starts run 2.
    Instant second = Instant.now();
    copyImages(loop, 100, 100);
    String run2 = awaitRunAfter(second, List.of(run1));
    JsonNode versions = get("/api/atelier/datasets/" + source + "/versions");
    JsonNode latest = versions.get(0);
    assertEquals(200, latest.path("file_count").asInt(), latest.toString());
    assertEquals(100, latest.path("added_count").asInt(), "the diff counts the 100 new files");
    assertTrue(latest.path("curation_counts").isObject(), "curated: " + latest);
    String digest = latest.path("digest").asText();

    JsonNode review2 = awaitPendingReview(run2);
    JsonNode ev = review2.path("evaluation");
    assertEquals(model, ev.path("model").asText(), ev.toString());
    assertEquals(challenger1, ev.at("/champion/mlflow_run_id").asText(), "run 1's best defends");
    String evaluationRun = ev.at("/champion/evaluation_run_id").asText();
    String challenger2 = ev.at("/challenger/mlflow_run_id").asText();
    assertEquals(challenger(review2), challenger2);
    for (String side : List.of("champion", "challenger")) {
      for (String metric : List.of("fd_rgb8", "kid_rgb8")) {
        assertTrue(
            ev.at("/" + side + "/values/" + metric).isNumber(),
            side + " measured " + metric + " on the new data: " + ev);
      }
      assertTrue(ev.at("/better").has("fd_rgb8"), ev.toString());
    }
    assertEquals(
        ev.at("/champion/step").asLong(),
        lastSampleStep(evaluationRun),
        "the champion was measured at its promoted step, not trained on");
    assertEquals("evaluation/champion_vs_challenger.png", ev.at("/sheet/path").asText());
    assertTrue(
        mlflow
            .get(
                "/api/2.0/mlflow/artifacts/list",
                Map.of("run_id", evaluationRun, "path", "evaluation"))
            .toString()
            .contains("champion_vs_challenger.png"),
        "the sheet is kept with the champion's evaluation run");

    JsonNode trainedOn =
        get(
            "/api/atelier/datasets/"
                + source
                + "/versions/"
                + latest.path("number").asInt()
                + "/runs");
    assertTrue(
        trainedOn.toString().contains(challenger2) && trainedOn.toString().contains(evaluationRun),
        "the version lists the runs on it: " + trainedOn);

    // Lineage: both runs of round 2 name version 2's digest as their MLflow dataset input.
    for (String runId : List.of(evaluationRun, challenger2)) {
      JsonNode run = mlflow.get("/api/2.0/mlflow/runs/get", Map.of("run_id", runId)).path("run");
      JsonNode dataset = run.at("/inputs/dataset_inputs/0/dataset");
      assertEquals(digest.substring(0, 36), dataset.path("digest").asText(), run.toString());
    }

    // The review page shows the evidence, then a lead approves and the champion moves.
    try (Browser browser = new Browser()) {
      browser.driver.get(
          "http://admin:admin@"
              + app.getHost()
              + ":"
              + app.getPort()
              + "/ui/review.html?id="
              + review2.at("/review/id").asLong());
      browser
          .waiting()
          .withMessage("the evaluation table and sheet show")
          .until(
              d ->
                  d.findElements(By.cssSelector("#evaluation tr[data-metric]")).size() == 2
                      && Boolean.TRUE.equals(
                          browser.driver.executeScript(
                              "const i = document.querySelector('#evaluation img.sheet');"
                                  + " return !!i && i.complete && i.naturalWidth > 0")));
      String table = browser.driver.findElement(By.id("evaluation")).getText();
      assertTrue(table.contains("fd_rgb8"), table);
      assertTrue(table.contains("re-measured"), table);
      browser.driver.manage().window().setSize(new Dimension(1400, 1800));
      Path shot = Path.of("target", "screenshots", screenshot);
      Files.createDirectories(shot.getParent());
      Files.write(shot, browser.driver.getScreenshotAs(OutputType.BYTES));
      assertEquals(List.of(), browser.severeLogs(), "no errors in the page's console");
    }
    approve(review2, challenger2);
    assertEquals("success", awaitEnd(run2));
    assertEquals(challenger2, champion(model).path("mlflow_run_id").asText(), "the champion moved");
  }

  /** {@code count} 32x32 discs and squares, new pixels for every test run. */
  private void copyImages(Loop loop, int from, int count) throws Exception {
    Random random = new Random(seed + from);
    for (int i = from; i < from + count; i++) {
      BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 32, 32);
      g.setColor(
          new Color(200 + random.nextInt(56), 150 + random.nextInt(100), random.nextInt(80)));
      int r = 6 + random.nextInt(9);
      int x = 16 + random.nextInt(5) - 2;
      int y = 16 + random.nextInt(5) - 2;
      if (random.nextBoolean()) {
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
      } else {
        g.fillRect(x - r, y - r, 2 * r, 2 * r);
      }
      g.setColor(Color.DARK_GRAY);
      g.fillRect(x - r / 2, y - r / 3, 2, 2);
      g.fillRect(x + r / 2 - 2, y - r / 3, 2, 2);
      g.dispose();
      java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
      ImageIO.write(img, "png", png);
      loop.put(String.format("img%03d.png", i), png.toByteArray());
    }
  }

  private String awaitRunAfter(Instant after, List<String> known) throws Exception {
    return await(
        "a run of " + dag + " started by the watcher",
        Duration.ofMinutes(2),
        () -> {
          for (JsonNode r :
              get("/api/v1/dags/" + dag + "/dagRuns?order_by=-start_date&limit=5")
                  .path("dag_runs")) {
            String id = r.path("dag_run_id").asText();
            Instant logical = Instant.parse(r.path("logical_date").asText());
            if (!known.contains(id)
                && r.path("run_type").asText().equals("dataset_triggered")
                && !logical.isBefore(after)) {
              return id;
            }
          }
          return null;
        });
  }

  private JsonNode awaitPendingReview(String runId) throws Exception {
    JsonNode row =
        await(
            "the review of " + runId,
            Duration.ofMinutes(6),
            () -> {
              JsonNode list = get("/api/atelier/reviews?dag_id=" + dag + "&state=pending");
              for (JsonNode r : list) {
                if (r.path("run_id").asText().equals(runId)) {
                  return r;
                }
              }
              String state =
                  get("/api/v1/dags/" + dag + "/dagRuns/" + runId).path("state").asText();
              if (state.equals("failed")) {
                throw new AssertionError("run " + runId + " failed before its review");
              }
              return null;
            });
    return get("/api/atelier/reviews/" + row.path("id").asLong());
  }

  private static String challenger(JsonNode review) {
    for (JsonNode card : review.path("cards")) {
      if (!card.path("champion").asBoolean() && card.path("rank").asInt() == 1) {
        return card.path("mlflow_run_id").asText();
      }
    }
    throw new AssertionError("no rank-1 candidate: " + review);
  }

  private void approve(JsonNode review, String candidate) throws Exception {
    long step = 0;
    for (JsonNode card : review.path("cards")) {
      if (card.path("mlflow_run_id").asText().equals(candidate)) {
        for (JsonNode s : card.path("sample_steps")) {
          step = Math.max(step, s.asLong());
        }
      }
    }
    admin()
        .body(Map.of("candidate", candidate, "step", step, "reason", "better on the new data"))
        .post("/api/atelier/reviews/" + review.at("/review/id").asLong() + "/approve")
        .then()
        .statusCode(200);
  }

  private JsonNode champion(String model) throws Exception {
    return get("/api/atelier/champions?model=" + model).path(0);
  }

  private long lastSampleStep(String runId) throws Exception {
    List<Long> steps = new ArrayList<>();
    mlflow
        .get("/api/2.0/mlflow/artifacts/list", Map.of("run_id", runId, "path", "samples"))
        .path("files")
        .forEach(
            f -> {
              String p = f.path("path").asText();
              if (p.matches("samples/step_[0-9]{7}\\.png")) {
                steps.add(Long.parseLong(p.substring(13, 20)));
              }
            });
    return steps.stream().mapToLong(Long::longValue).max().orElse(-1);
  }

  private String awaitEnd(String runId) throws Exception {
    return await(
        "the end of " + runId,
        Duration.ofMinutes(2),
        () -> {
          String s = get("/api/v1/dags/" + dag + "/dagRuns/" + runId).path("state").asText();
          return s.equals("success") || s.equals("failed") ? s : null;
        });
  }

  private static JsonNode get(String path) throws Exception {
    return JSON.readTree(admin().get(path).then().statusCode(200).extract().asString());
  }

  private static <T> T await(String what, Duration limit, ThrowingSupplier<T> probe)
      throws Exception {
    Instant end = Instant.now().plus(limit);
    while (Instant.now().isBefore(end)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("waited " + limit + " for " + what);
  }

  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  private static RequestSpecification admin() {
    return given().auth().preemptive().basic("admin", "admin").contentType("application/json");
  }
}
