package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code PATCH /api/atelier/datasets/{name}}: a lead turns a source's exclusions on and off (the
 * listing says so, the audit has a row with before and after); a member is refused with 403; a body
 * that is not two booleans is a 400 naming the field, the value and the rule.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetExclusionsApiTest {
  @Inject DataSource dataSource;
  private RoleUsers users;
  private final String name = "excl-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void users() {
    users = new RoleUsers(dataSource, "excl");
  }

  /** The source, registered once whichever test runs first (over HTTP: not in a @BeforeAll). */
  private void registered() throws Exception {
    if (users.as("viewer").get("/api/atelier/datasets/" + name + "/versions").statusCode() != 404) {
      return;
    }
    Path folder = Files.createTempDirectory("atelier-excl");
    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.PINK);
    g.fillRect(0, 0, 32, 32);
    g.dispose();
    ImageIO.write(img, "png", folder.resolve("a.png").toFile());
    users
        .as("lead")
        .body(Map.of("name", name, "path", folder.toString(), "quiet_seconds", 3600))
        .post("/api/atelier/datasets")
        .then()
        .statusCode(201);
  }

  @AfterAll
  void cleanUp() {
    users.close();
    new RunFixtures(dataSource).sql("delete from dataset_source where name = ?", name);
  }

  private JsonPath source() {
    return users
        .as("viewer")
        .get("/api/atelier/datasets")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .setRootPath("find { it.name == '" + name + "' }");
  }

  @Test
  void lead_turnsExclusionsOnAndOff_listedAndAudited() throws Exception {
    registered();
    users
        .as("lead")
        .body(Map.of("exclude_duplicates", true))
        .patch("/api/atelier/datasets/" + name)
        .then()
        .statusCode(200)
        .body("exclude_duplicates", org.hamcrest.Matchers.equalTo(true))
        .body("exclude_rejects", org.hamcrest.Matchers.equalTo(false));
    assertEquals(true, source().getBoolean("exclude_duplicates"));
    assertEquals(false, source().getBoolean("exclude_rejects"));

    users
        .as("lead")
        .body(Map.of("exclude_duplicates", false, "exclude_rejects", true))
        .patch("/api/atelier/datasets/" + name)
        .then()
        .statusCode(200);
    assertEquals(false, source().getBoolean("exclude_duplicates"));
    assertEquals(true, source().getBoolean("exclude_rejects"));

    String last =
        new RunFixtures(dataSource)
            .string(
                "select actor || ' ' || (detail->>'was_exclude_rejects') || '->'"
                    + " || (detail->>'exclude_rejects') from audit_log"
                    + " where action = 'dataset-source-change' and detail->>'name' = ?"
                    + " order by id desc limit 1",
                name);
    assertEquals(users.name("lead") + " false->true", last);
  }

  @Test
  void member_isRefused403_andNothingChanges() throws Exception {
    registered();
    boolean before = source().getBoolean("exclude_rejects");
    users
        .as("member")
        .body(Map.of("exclude_rejects", !before))
        .patch("/api/atelier/datasets/" + name)
        .then()
        .statusCode(403);
    assertEquals(before, source().getBoolean("exclude_rejects"));
  }

  @Test
  void badBodies_are400NamingFieldValueAndRule() throws Exception {
    registered();
    assertEquals(
        "exclude_duplicates: 'yes' must be true or false",
        detail(Map.of("exclude_duplicates", "yes")));
    assertEquals("exclude_rejects: 1 must be true or false", detail(Map.of("exclude_rejects", 1)));
    assertTrue(
        detail(Map.of("min_image_size", 32)).startsWith("min_image_size: cannot be changed here"));
    assertTrue(detail(Map.of()).startsWith("body: must set exclude_duplicates and/or"));
    users
        .as("lead")
        .body(Map.of("exclude_rejects", true))
        .patch("/api/atelier/datasets/no-such-source")
        .then()
        .statusCode(404);
  }

  private String detail(Map<String, Object> body) {
    return users
        .as("lead")
        .body(body)
        .patch("/api/atelier/datasets/" + name)
        .then()
        .statusCode(400)
        .extract()
        .jsonPath()
        .getString("detail");
  }
}
