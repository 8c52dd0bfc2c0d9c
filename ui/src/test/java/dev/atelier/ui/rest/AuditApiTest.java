package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.repository.AuditRepository;
import dev.atelier.ui.repository.AuditRow;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/atelier/audit}'s filters over rows of two made-up users, oldest first:
 *
 * <pre>
 *   ana  pause    dag/&lt;d&gt;
 *   ben  comment  dag/&lt;d&gt;/run/r1/review/7
 *   ana  unpause  dag/&lt;d&gt;
 *   ben  trigger  dag/&lt;dXd&gt;/run/r2     (the '_' of &lt;d&gt; written as 'X': LIKE must not match it)
 *   ana  trigger  dag/&lt;d&gt;_more/run/r3  (a longer Dag id: not under dag/&lt;d&gt;)
 * </pre>
 *
 * and what a real pause records: who, from which page or the API.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String ANA = "ana_" + SUFFIX;
  private static final String BEN = "ben_" + SUFFIX;
  private static final String DAG = "dag/audit_" + SUFFIX;

  @Inject AuditRepository rows;
  @Inject DataSource dataSource;

  private RoleUsers users;

  @BeforeAll
  void fiveRows() {
    users = new RoleUsers(dataSource, "audit_api");
    insert(ANA, "pause", DAG);
    insert(BEN, "comment", DAG + "/run/r1/review/7");
    insert(ANA, "unpause", DAG);
    insert(BEN, "trigger", DAG.replace("_", "X") + "/run/r2");
    insert(ANA, "trigger", DAG + "_more/run/r3");
  }

  @AfterAll
  void removeUsers() {
    users.close();
  }

  private void insert(String actor, String action, String target) {
    rows.insert(new AuditRow(0, null, actor, action, target, "api", Map.of("n", 1)));
  }

  @Test
  void actor_listsOnlyTheirChanges_newestFirst() {
    users
        .as("viewer")
        .queryParam("actor", ANA)
        .get("/api/atelier/audit")
        .then()
        .statusCode(200)
        .body("action", contains("trigger", "unpause", "pause"))
        .body("actor", contains(ANA, ANA, ANA))
        .body("[2].target", equalTo(DAG))
        .body("[2].source", equalTo("api"))
        .body("[2].detail.n", equalTo(1))
        .body("[2].at", startsWith("20"));
  }

  @Test
  void action_andActor_combine() {
    users
        .as("viewer")
        .queryParam("actor", BEN)
        .queryParam("action", "trigger")
        .get("/api/atelier/audit")
        .then()
        .statusCode(200)
        .body("target", contains(DAG.replace("_", "X") + "/run/r2"));
  }

  @Test
  void target_isAPathPrefix_takenLiterally() {
    // dag/<d> covers the Dag and everything under it, not dag/<d>_more, nor dag/<dXd>.
    for (String prefix : new String[] {DAG, DAG + "/"}) {
      users
          .as("viewer")
          .queryParam("target", prefix)
          .get("/api/atelier/audit")
          .then()
          .statusCode(200)
          .body("action", contains("unpause", "comment", "pause"));
    }
    users
        .as("viewer")
        .queryParam("target", DAG + "/run/r1")
        .get("/api/atelier/audit")
        .then()
        .body("target", contains(DAG + "/run/r1/review/7"));
  }

  @Test
  void limit_keepsTheNewest() {
    users
        .as("viewer")
        .queryParam("actor", ANA)
        .queryParam("limit", "1")
        .get("/api/atelier/audit")
        .then()
        .statusCode(200)
        .body("action", contains("trigger"));
  }

  @Test
  void anUnknownButWellFormedAction_matchesNothing() {
    users
        .as("viewer")
        .queryParam("actor", ANA)
        .queryParam("action", "explode")
        .get("/api/atelier/audit")
        .then()
        .statusCode(200)
        .body("$", hasSize(0));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "limit|0|limit: '0' must be from 1 to 1000",
        "limit|1001|limit: '1001' must be from 1 to 1000",
        "limit|ten|limit: 'ten' is not a whole number (1 to 1000)",
        "action|Pause!|action: 'Pause!' is not an action name",
        "actor|'   '|actor: '   ' must be a user name",
        "target|/|target: '/' must be a target path or its prefix",
      })
  void badFilter_is400NamingFieldValueAndRule(String field, String value, String detail) {
    users
        .as("viewer")
        .queryParam(field, value)
        .get("/api/atelier/audit")
        .then()
        .statusCode(400)
        .body("title", equalTo("Bad Request"))
        .body("detail", startsWith(detail));
  }

  @Test
  void nobodySignedIn_is401() {
    given().get("/api/atelier/audit").then().statusCode(401);
  }

  /** A real change: the lead who made it, and whether a page's fetch or the API sent it. */
  @Test
  void aPause_recordsWhoAndFromWhere() {
    String lead = users.name("lead");
    String dag = "emoji_dcgan_sweep";
    try {
      users
          .as("lead")
          .header("X-Atelier-Page", "dags")
          .body(Map.of("is_paused", true))
          .patch("/api/v1/dags/" + dag)
          .then()
          .statusCode(200);
      users
          .as("lead")
          .body(Map.of("is_paused", false))
          .patch("/api/v1/dags/" + dag)
          .then()
          .statusCode(200);
    } finally {
      new RunFixtures(dataSource).sql("update dag set is_paused = false where dag_id = ?", dag);
    }
    users
        .as("viewer")
        .queryParam("actor", lead)
        .get("/api/atelier/audit")
        .then()
        .statusCode(200)
        .body("action", contains("unpause", "pause"))
        .body("target", contains("dag/" + dag, "dag/" + dag))
        .body("source", contains("api", "page"))
        .body("[1].detail.page", equalTo("dags"))
        .body("[1].detail.is_paused", equalTo(true));
    // A member cannot pause, and a refused change is not audited.
    users
        .as("member")
        .body(Map.of("is_paused", true))
        .patch("/api/v1/dags/" + dag)
        .then()
        .statusCode(403);
    users
        .as("viewer")
        .queryParam("actor", users.name("member"))
        .get("/api/atelier/audit")
        .then()
        .body("$", hasSize(0));
  }
}
