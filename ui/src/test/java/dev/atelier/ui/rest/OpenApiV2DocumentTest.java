package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The hand-written v2 document ({@code openapi/airflow-v2.yaml}) describes exactly the v2 endpoints
 * the resources serve: every path and method of {@code /api/v2} found by reflection is in it, and
 * it names none that is not served. Served open, as YAML and as JSON.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class OpenApiV2DocumentTest {
  @Test
  void document_listsExactlyTheServedV2Operations() {
    TreeSet<String> served = new TreeSet<>();
    for (Endpoint e : Endpoint.all()) {
      if (e.path().startsWith("/api/v2/")) {
        served.add(e.httpMethod() + " " + e.path());
      }
    }
    JsonPath doc = given().get("/api/v2/openapi.json").then().statusCode(200).extract().jsonPath();
    TreeSet<String> documented = new TreeSet<>();
    Map<String, Map<String, Object>> paths = doc.getMap("paths");
    paths.forEach(
        (path, item) ->
            item.keySet().stream()
                .filter(k -> !k.equals("parameters"))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
    assertEquals(served, documented);
    assertEquals("3.0.3", doc.getString("openapi"));
    given().get("/api/v2/openapi.yaml").then().statusCode(200).contentType("application/yaml");
  }
}
