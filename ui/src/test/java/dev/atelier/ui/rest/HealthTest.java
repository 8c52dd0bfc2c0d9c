package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Probes and scrapers reach these without credentials. */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class HealthTest {

  @Test
  void readiness_isTheDatabaseAlone() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", not(hasItems("temporal")))
        .body("checks.name", not(hasItems("mlflow")));
  }

  @Test
  void dependenciesGroup_withServicesRunning_isUpForTemporalAndMlflow() {
    given()
        .get("/q/health/group/dependencies")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("temporal", "mlflow"));
  }

  @Test
  void health_anonymous_seesNoInternalAddress() {
    for (String path :
        new String[] {"/q/health", "/q/health/group/dependencies", "/api/v1/health"}) {
      String body = given().get(path).then().extract().asString();
      for (String address :
          new String[] {
            ConfigProvider.getConfig().getValue("atelier.mlflow.uri", String.class),
            ConfigProvider.getConfig().getValue("atelier.temporal.target", String.class),
            "127.0.0.1"
          }) {
        org.junit.jupiter.api.Assertions.assertFalse(
            body.contains(address), path + " shows the address " + address + ": " + body);
      }
    }
  }

  @Test
  void liveness_isUp() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void airflowHealth_isOpenAndHealthy() {
    given()
        .get("/api/v1/health")
        .then()
        .statusCode(200)
        .body("metadatabase.status", equalTo("healthy"))
        .body("scheduler.status", equalTo("healthy"));
  }

  @Test
  void metrics_areOpenForPrometheus() {
    given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
  }

  @Test
  void openApi_describesTheDagRunsEndpoint() {
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/dags/{dag_id}/dagRuns"));
  }
}
