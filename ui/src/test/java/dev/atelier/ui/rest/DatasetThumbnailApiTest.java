package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/atelier/datasets/{name}/thumbnail}: a source's image, shrunk, as PNG for any
 * signed-in user; nothing outside the source's folder (traversal, absolute paths, a link out), a
 * file not there is 404, a file that does not decode is 422.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetThumbnailApiTest {
  @Inject DataSource dataSource;
  private RoleUsers users;
  private final String name = "tt-" + UUID.randomUUID().toString().substring(0, 8);
  private Path folder;

  @BeforeAll
  void aFolderWithALinkOut() throws Exception {
    users = new RoleUsers(dataSource, "thumbs");
    folder = Files.createTempDirectory("atelier-thumbs");
    png(folder.resolve("cats/big.png"), 200, 100);
    png(folder.resolve("cats/small.png"), 40, 40);
    Path outside = Files.createTempDirectory("atelier-outside");
    png(outside.resolve("secret.png"), 40, 40);
    Files.createSymbolicLink(folder.resolve("cats/out.png"), outside.resolve("secret.png"));
    byte[] whole = Files.readAllBytes(folder.resolve("cats/big.png"));
    Files.write(folder.resolve("cats/broken.png"), Arrays.copyOf(whole, 60));
  }

  @AfterAll
  void cleanUp() {
    users.close();
    new RunFixtures(dataSource).sql("delete from dataset_source where name = ?", name);
  }

  private static void png(Path file, int w, int h) throws Exception {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLUE);
    g.fillOval(w / 4, h / 4, w / 2, h / 2);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  private void registered() {
    if (users.as("viewer").get("/api/atelier/datasets/" + name + "/versions").statusCode() == 404) {
      users
          .as("lead")
          .body(Map.of("name", name, "path", folder.toString(), "quiet_seconds", 3600))
          .post("/api/atelier/datasets")
          .then()
          .statusCode(201);
    }
  }

  private Response thumbnail(String role, String path, Integer width) {
    var r = users.as(role).queryParam("path", path);
    if (width != null) {
      r = r.queryParam("width", width);
    }
    return r.get("/api/atelier/datasets/" + name + "/thumbnail");
  }

  private static BufferedImage decode(Response r) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(r.asByteArray()));
  }

  @Test
  void anImage_isAShrunkPng_forAViewer() throws Exception {
    registered();
    Response r = thumbnail("viewer", "cats/big.png", null);
    r.then()
        .statusCode(200)
        .contentType("image/png")
        .header("Cache-Control", "private, max-age=60");
    BufferedImage img = decode(r);
    assertNotNull(img, "a PNG");
    // 200 px wide at the default 96: averaged by 3, so 66 × 33.
    assertEquals(66, img.getWidth());
    assertEquals(33, img.getHeight());
    assertEquals(
        22, decode(thumbnail("member", "cats/big.png", 24)).getWidth(), "averaged by 9: 200 / 9");
    // Already narrow enough: as it is.
    assertEquals(40, decode(thumbnail("viewer", "cats/small.png", 96)).getWidth());

    String etag = r.header("ETag");
    users
        .as("viewer")
        .header("If-None-Match", etag)
        .queryParam("path", "cats/big.png")
        .get("/api/atelier/datasets/" + name + "/thumbnail")
        .then()
        .statusCode(304);
  }

  @Test
  void pathsOutsideTheFolder_are400_namingPathAndTheRule() {
    registered();
    Map<String, String> refused =
        Map.of(
            "../outside.png", "path: '../outside.png' must not contain '..'",
            "cats/../../x.png", "path: 'cats/../../x.png' must not contain '..'",
            "/etc/passwd.png", "path: '/etc/passwd.png' must be relative to the source's folder",
            "cats/out.png", "path: 'cats/out.png' is a link that leads outside the source's folder",
            "cats/notes.txt", "path: 'cats/notes.txt' must name an image (.png, .jpg, .jpeg)",
            "", "path: is required");
    refused.forEach(
        (path, detail) ->
            thumbnail("viewer", path, null)
                .then()
                .statusCode(400)
                .body("detail", containsString(detail)));
    thumbnail("viewer", "cats/big.png", 4)
        .then()
        .statusCode(400)
        .body("detail", containsString("width: 4 must be between 16 and 512 pixels"));
  }

  @Test
  void aFileNotThere_is404_andOneThatDoesNotDecode_is422() {
    registered();
    thumbnail("viewer", "cats/gone.png", null)
        .then()
        .statusCode(404)
        .body(
            "detail",
            containsString("path: 'cats/gone.png' is not a file in dataset source '" + name + "'"));
    users
        .as("viewer")
        .queryParam("path", "a.png")
        .get("/api/atelier/datasets/no-such-source/thumbnail")
        .then()
        .statusCode(404)
        .body("detail", containsString("name: 'no-such-source' is not a dataset source"));
    thumbnail("viewer", "cats/broken.png", null)
        .then()
        .statusCode(422)
        .body("detail", containsString("path: 'cats/broken.png' cannot be decoded as an image"));
  }

  @Test
  void nobodySignedIn_is401() {
    registered();
    Response r =
        given()
            .queryParam("path", "cats/big.png")
            .get("/api/atelier/datasets/" + name + "/thumbnail");
    assertEquals(401, r.statusCode());
    assertTrue(r.asByteArray().length < 2000, "no picture in the answer");
  }
}
