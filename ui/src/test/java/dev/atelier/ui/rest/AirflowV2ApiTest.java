package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Airflow 3's REST API v2 as a client meets it: a bearer token from {@code POST /auth/token} opens
 * both APIs; bad input is a 422 whose every entry names the field ({@code loc}), the value ({@code
 * input}) and the rule ({@code msg}), all violations at once, and nothing is stored; unknown
 * objects are 404s; a lower role gets 403.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirflowV2ApiTest {
  private static final String DAG = "emoji_dcgan_sweep";

  @Inject DataSource dataSource;
  private RoleUsers users;

  @BeforeAll
  void users() {
    users = new RoleUsers(dataSource, "v2");
  }

  @AfterAll
  void removeUsers() {
    users.close();
  }

  private String token(String user, String password) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", user, "password", password))
        .post("/auth/token")
        .then()
        .statusCode(201)
        .extract()
        .path("access_token");
  }

  @Test
  void bearerToken_opensV2AndV1() {
    String jwt = token("admin", "admin");
    given()
        .auth()
        .oauth2(jwt)
        .get("/api/v2/dags")
        .then()
        .statusCode(200)
        .body("dags.dag_id", hasItem(DAG));
    given().auth().oauth2(jwt).get("/api/v1/dags").then().statusCode(200);
    given().get("/api/v2/dags").then().statusCode(401);
  }

  @Test
  void listDags_badLimitOffsetAndOrder_is422NamingEachFieldValueAndRule() {
    Api.asAdmin()
        .get("/api/v2/dags?limit=abc&offset=-1&order_by=nope")
        .then()
        .statusCode(422)
        .body("detail", hasSize(3))
        .body("detail[0].loc", equalTo(List.of("query", "limit")))
        .body("detail[0].input", equalTo("abc"))
        .body("detail[0].type", equalTo("int_parsing"))
        .body("detail[0].msg", equalTo("limit: 'abc' is not a valid integer"))
        .body("detail[1].loc", equalTo(List.of("query", "offset")))
        .body("detail[1].msg", equalTo("offset: -1 must be greater than or equal to 0"))
        .body("detail[2].loc", equalTo(List.of("query", "order_by")))
        .body("detail[2].msg", allOf(containsString("'nope'"), containsString("dag_id")));
  }

  @Test
  void listRuns_statesRepeatAndAreNotCommaSplit() {
    Api.asAdmin()
        .get("/api/v2/dags/" + DAG + "/dagRuns?state=success&state=failed")
        .then()
        .statusCode(200);
    Api.asAdmin()
        .get("/api/v2/dags/" + DAG + "/dagRuns?state=success,failed")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("query", "state")))
        .body("detail[0].input", equalTo("success,failed"))
        .body("detail[0].msg", containsString("is not one of [queued, running, success, failed]"));
  }

  @Test
  void listRuns_dateOutsideTheYearsAndWithoutOffset_is422() {
    Api.asAdmin()
        .get(
            "/api/v2/dags/~/dagRuns?start_date_gte=9999-12-31T23:00:00-05:00"
                + "&end_date_lte=2026-01-01T00:00:00")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("query", "start_date_gte")))
        .body("detail[0].msg", containsString("outside the years 1 to 9999"))
        .body("detail[1].type", equalTo("timezone_aware"))
        .body("detail[1].msg", containsString("has no UTC offset"));
  }

  @Test
  void listRuns_tildeListsEveryDag() {
    Api.asAdmin()
        .get("/api/v2/dags/~/dagRuns?limit=1")
        .then()
        .statusCode(200)
        .body("total_entries", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
  }

  @Test
  void trigger_emptyBody_is422AndStartsNothing() {
    long before = runs();
    Api.asAdmin()
        .body("")
        .post("/api/v2/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(422)
        .body("detail[0].type", equalTo("missing"))
        .body("detail[0].loc", equalTo(List.of("body")));
    assertEquals(before, runs(), "an empty trigger body must not start a run");
  }

  @Test
  void trigger_badRunIdExtraFieldAndNoOffset_is422ListingAllAndStoringNothing() {
    long before = runs();
    Api.asAdmin()
        .body(
            "{\"dag_run_id\": \"../../x\", \"conf\": {\"a\": 1}, \"colour\": 1,"
                + " \"logical_date\": \"2026-01-01T00:00:00\"}")
        .post("/api/v2/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(422)
        .body("detail.loc", hasItem(List.of("body", "dag_run_id")))
        .body("detail.loc", hasItem(List.of("body", "colour")))
        .body("detail.loc", hasItem(List.of("body", "logical_date")))
        .body(
            "detail.find { it.loc[1] == 'dag_run_id' }.msg", containsString("'../../x' must match"))
        .body("detail.find { it.loc[1] == 'colour' }.type", equalTo("extra_forbidden"));
    assertEquals(before, runs(), "a refused trigger must not store a run");
  }

  /**
   * A NUL anywhere in a JSON body is refused before any endpoint reads it (the app-wide {@code
   * NulInJsonBody}, shared with v1); under /api/v2 the answer is a 422 naming where it was.
   */
  @Test
  void trigger_nulDeepInConf_is422NamingItAndStoringNothing() {
    long before = runs();
    Api.asAdmin()
        .body("{\"conf\": {\"a\": \"x\\u0000y\"}}")
        .post("/api/v2/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "conf.a")))
        .body("detail[0].msg", containsString("NUL character"));
    assertEquals(before, runs(), "a refused trigger must not store a run");
  }

  @Test
  void unknownDagRunAndTask_are404WithDetail() {
    Api.asAdmin()
        .get("/api/v2/dags/no_such_dag")
        .then()
        .statusCode(404)
        .body("detail", equalTo("The Dag with ID: `no_such_dag` was not found"));
    Api.asAdmin().get("/api/v2/dags/no_such_dag/details").then().statusCode(404);
    Api.asAdmin().get("/api/v2/dags/" + DAG + "/dagRuns/no_such_run").then().statusCode(404);
    Api.asAdmin().get("/api/v2/dags/" + DAG + "/tasks/no_such_task").then().statusCode(404);
    Api.asAdmin()
        .get("/api/v2/dags/" + DAG + "/dagRuns/no_such_run/taskInstances/train/abc")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("path", "map_index")))
        .body("detail[0].msg", equalTo("map_index: 'abc' is not a valid integer"));
  }

  @Test
  void tooLongDagId_is422NotA500() {
    Api.asAdmin()
        .get("/api/v2/dags/" + "d".repeat(300))
        .then()
        .statusCode(422)
        .body("detail[0].type", equalTo("string_too_long"))
        .body("detail[0].msg", containsString("300 characters is longer than the 250 allowed"));
  }

  @Test
  void dagDetailsAndTasks_comeFromTheCode() {
    Api.asAdmin()
        .get("/api/v2/dags/" + DAG + "/details")
        .then()
        .statusCode(200)
        .body("dag_id", equalTo(DAG))
        .body("is_stale", equalTo(false))
        .body("params", org.hamcrest.Matchers.hasKey("latent_dims"));
    Api.asAdmin()
        .get("/api/v2/dags/" + DAG + "/tasks")
        .then()
        .statusCode(200)
        .body("tasks.task_id", hasItem("train"))
        .body("tasks.find { it.task_id == 'train' }.is_mapped", equalTo(true));
  }

  @Test
  void patchDag_maskNamingAnotherField_is422_andViewerOrMemberGets403() {
    Api.asAdmin()
        .body(Map.of("is_paused", false))
        .patch("/api/v2/dags/" + DAG + "?update_mask=description")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("query", "update_mask")))
        .body("detail[0].msg", containsString("'description' cannot be updated"));
    for (String role : List.of("viewer", "member")) {
      users
          .as(role)
          .body(Map.of("is_paused", true))
          .patch("/api/v2/dags/" + DAG)
          .then()
          .statusCode(403)
          .body("detail", containsString("this needs role lead"));
    }
  }

  @Test
  void viewerCannotTrigger_memberCannotMarkARun_withTheirOwnTokens() {
    String viewer = token(users.name("viewer"), RoleUsers.PASSWORD);
    given()
        .auth()
        .oauth2(viewer)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v2/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(403)
        .body("detail", containsString("this needs role member"));
    String member = token(users.name("member"), RoleUsers.PASSWORD);
    given()
        .auth()
        .oauth2(member)
        .contentType(ContentType.JSON)
        .body(Map.of("state", "failed"))
        .patch("/api/v2/dags/" + DAG + "/dagRuns/any_run")
        .then()
        .statusCode(403)
        .body("detail", containsString("this needs role lead"));
  }

  @Test
  void versionAndHealth_areOpen() {
    given()
        .get("/api/v2/version")
        .then()
        .statusCode(200)
        .body("version", equalTo("0.1.0-SNAPSHOT"));
    given()
        .get("/api/v2/monitor/health")
        .then()
        .statusCode(200)
        .body("metadatabase.status", equalTo("healthy"))
        .body("scheduler.status", equalTo("healthy"));
  }

  private long runs() {
    return Long.parseLong(
        new RunFixtures(dataSource).string("select count(*) from dag_run where dag_id = ?", DAG));
  }
}
