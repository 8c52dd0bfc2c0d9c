package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Which version the champion came from, in the API and on the datasets page: a source with two
 * versions, a trial run trained on each (lineage tags), and a lead promotes version 1's run through
 * the API, so the champion of the registered model points at it. Version 1 says "🏆 champion of
 * ...", version 2 says nothing; a viewer sees the source's exclusions and cannot change them.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetChampionBrowserTest {
  @Inject DataSource dataSource;

  @TestHTTPResource("/")
  URL app;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String name = "champ-" + suffix;
  private final String model = "dsch_" + suffix;
  private final MlflowFixture mlflow = new MlflowFixture();
  private RoleUsers users;
  private Path folder;

  @BeforeAll
  void users() throws Exception {
    users = new RoleUsers(dataSource, "dschamp");
    folder = Files.createTempDirectory("atelier-dschamp");
    square(folder.resolve("faces/a.png"), Color.ORANGE);
  }

  @AfterAll
  void cleanUp() {
    users.close();
    new RunFixtures(dataSource).sql("delete from dataset_source where name = ?", name);
  }

  private static void square(Path file, Color colour) throws Exception {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, 32, 32);
    g.setColor(Color.BLACK);
    g.fillOval(8, 8, colour.getRed() / 16 + 4, 12);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  private void scan(int expected) {
    users
        .as("member")
        .post("/api/atelier/datasets/" + name + "/scan")
        .then()
        .statusCode(200)
        .body("version.number", org.hamcrest.Matchers.equalTo(expected));
  }

  /** A finished trial run with checkpoints, whose lineage names version {@code version}. */
  private String trainedOn(int version) throws Exception {
    String runId =
        mlflow.trialRun("ds_champion_" + suffix, MlflowFixture.uniqueRunId("manual"), 0, 400, 300);
    mlflow.client.setTag(runId, "atelier.dataset_name", name);
    mlflow.client.setTag(runId, "atelier.dataset_version", Integer.toString(version));
    return runId;
  }

  private String page(String role, String path) {
    return "http://"
        + users.name(role)
        + ":"
        + RoleUsers.PASSWORD
        + "@"
        + app.getHost()
        + ":"
        + app.getPort()
        + path;
  }

  @Test
  void championMarksTheVersionItWasTrainedOn_inTheApiAndOnThePage() throws Exception {
    users
        .as("lead")
        .body(Map.of("name", name, "path", folder.toString(), "quiet_seconds", 3600))
        .post("/api/atelier/datasets")
        .then()
        .statusCode(201);
    scan(1);
    square(folder.resolve("faces/b.png"), Color.CYAN);
    scan(2);
    String champion = trainedOn(1);
    trainedOn(2);
    users
        .as("lead")
        .body(Map.of("step", 300, "reason", "the v1 faces were better", "model", model))
        .post("/api/atelier/runs/" + champion + "/promote")
        .then()
        .statusCode(201);
    users
        .as("lead")
        .body(Map.of("exclude_duplicates", true))
        .patch("/api/atelier/datasets/" + name)
        .then()
        .statusCode(200);

    JsonPath versions =
        users
            .as("viewer")
            .get("/api/atelier/datasets/" + name + "/versions")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(List.of(2, 1), versions.getList("number"));
    assertEquals(List.of(), versions.getList("[0].champion_of"), "version 2 trained no champion");
    assertEquals(List.of(model), versions.getList("[1].champion_of.model"));
    assertEquals(List.of(champion), versions.getList("[1].champion_of.mlflow_run_id"));
    assertEquals(List.of("1"), versions.getList("[1].champion_of.model_version"));

    try (Browser b = new Browser()) {
      b.driver.get(page("viewer", "/ui/datasets.html?source=" + name));
      WebElement mark =
          b.waiting()
              .until(
                  ExpectedConditions.visibilityOfElementLocated(
                      By.cssSelector("#versions tr[data-version='1'] .champion-mark")));
      assertEquals(
          "🏆 champion of " + model + " (v1, run " + champion.substring(0, 8) + ")",
          mark.getText());
      assertEquals(
          0,
          b.driver
              .findElements(By.cssSelector("#versions tr[data-version='2'] .champion-mark"))
              .size(),
          "no mark on version 2");

      WebElement duplicates = b.driver.findElement(By.id("exclude-duplicates"));
      assertTrue(duplicates.isSelected(), "the lead's exclude_duplicates is shown");
      assertTrue(!b.driver.findElement(By.id("exclude-rejects")).isSelected());
      b.waiting()
          .withMessage("a viewer cannot change what training leaves out")
          .until(d -> !duplicates.isEnabled());
      assertTrue(duplicates.getAttribute("title").startsWith("needs role lead"));
      assertEquals(List.of(), b.severeLogs(), "console errors");
    }
  }
}
