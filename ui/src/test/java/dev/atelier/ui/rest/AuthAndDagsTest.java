package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class AuthAndDagsTest {

  @Test
  void listDags_asAdmin_includesTheDemoSweepWithAirflowShape() {
    Api.asAdmin()
        .get("/api/v1/dags")
        .then()
        .statusCode(200)
        .body("dags.dag_id", hasItem("emoji_dcgan_sweep"))
        .body("total_entries", greaterThanOrEqualTo(1));
  }

  @Test
  void getDag_known_answersAirflowsDagObject() {
    Api.asAdmin()
        .get("/api/v1/dags/emoji_dcgan_sweep")
        .then()
        .statusCode(200)
        .body("dag_id", equalTo("emoji_dcgan_sweep"))
        .body("is_paused", equalTo(false))
        .body("tags.name", hasItem("sweep"));
  }

  @Test
  void getDag_unknown_is404WithAirflowError() {
    Api.asAdmin()
        .get("/api/v1/dags/no_such_dag")
        .then()
        .statusCode(404)
        .body("status", equalTo(404))
        .body("title", equalTo("DAG not found"))
        .body("detail", equalTo("DAG with dag_id: 'no_such_dag' not found"));
  }

  @Test
  void api_withoutCredentials_is401AndAsksForBasicAuth() {
    given()
        .get("/api/v1/dags")
        .then()
        .statusCode(401)
        .header(
            "WWW-Authenticate",
            org.hamcrest.Matchers.equalToIgnoringCase("basic realm=\"Atelier\""));
  }

  @Test
  void api_wrongPassword_is401() {
    given().auth().preemptive().basic("admin", "wrong").get("/api/v1/dags").then().statusCode(401);
  }

  @Test
  void pages_withoutCredentials_goToTheSignInPage() {
    given()
        .redirects()
        .follow(false)
        .get("/ui/compare.html")
        .then()
        .statusCode(302)
        .header("Location", org.hamcrest.Matchers.endsWith("/ui/login.html"));
  }

  @Test
  void pages_asAdmin_areServed() {
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .get("/ui/compare.html")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("id=\"step\""));
  }
}
