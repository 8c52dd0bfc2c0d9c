package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class DatasetEventsTest {

  @Test
  void createEvent_answersAirflowsDatasetEvent() {
    String uri = "file:///data/test-" + UUID.randomUUID();

    Api.asAdmin()
        .body(Map.of("dataset_uri", uri, "extra", Map.of("images", 3800)))
        .post("/api/v1/datasets/events")
        .then()
        .statusCode(200)
        .body("dataset_uri", equalTo(uri))
        .body("extra.images", equalTo(3800))
        .body("dataset_id", notNullValue())
        .body("timestamp", notNullValue());
  }

  @Test
  void createEvent_blankUri_is400NamingTheField() {
    Api.asAdmin()
        .body(Map.of("dataset_uri", " "))
        .post("/api/v1/datasets/events")
        .then()
        .statusCode(400)
        .body("detail", containsString("dataset_uri: ' ' must name the dataset"));
  }

  @Test
  void createEvent_extraAboveTheMaximum_is400AndNoEventIsStored() {
    String uri = "file:///data/test-" + UUID.randomUUID();

    Api.asAdmin()
        .body(Map.of("dataset_uri", uri, "extra", Map.of("note", "x".repeat(20_000))))
        .post("/api/v1/datasets/events")
        .then()
        .statusCode(400)
        .body("detail", containsString("extra: 20011 bytes of JSON is above the maximum of 16384"));

    Api.asAdmin()
        .queryParam("order_by", "-timestamp")
        .queryParam("limit", 100)
        .get("/api/v1/datasets/events")
        .then()
        .statusCode(200)
        .body("dataset_events.dataset_uri", not(hasItem(uri)));
  }
}
