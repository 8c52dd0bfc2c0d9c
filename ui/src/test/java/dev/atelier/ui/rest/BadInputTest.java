package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Input that a fuzzer finds (and PostgreSQL or Temporal would refuse deep inside) is refused at the
 * edge with a 400 whose detail names the field, the value as sent and the rule, and nothing is
 * stored: a NUL character in an id, a query value, {@code dataset_uri} or {@code extra}; ids longer
 * than Airflow's 250 characters; dates outside years 1 to 9999; words where integers belong; a
 * trigger without a body; run ids outside Airflow's characters; an unknown {@code order_by}.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class BadInputTest {
  private static final String DAG = RunFixtures.DAG;
  private static final String RUNS = "/api/v1/dags/" + DAG + "/dagRuns";
  private static final String NUL_RULE = "must not contain the NUL character (U+0000)";

  @Inject DataSource dataSource;

  private RunFixtures db() {
    return new RunFixtures(dataSource);
  }

  private static ValidatableResponse refused(ValidatableResponse response, String detail) {
    return response
        .statusCode(400)
        .body("status", equalTo(400))
        .body("title", equalTo("Bad Request"))
        .body("detail", containsString(detail));
  }

  private long runs() {
    return Long.parseLong(db().string("select count(*) from dag_run where dag_id = ?", DAG));
  }

  private long datasets(String uriPrefix) {
    return Long.parseLong(
        db().string("select count(*) from dataset where uri like ?", uriPrefix + "%"));
  }

  private void assertTriggerRefused(Map<String, Object> body, String detail) {
    long before = runs();
    refused(Api.asAdmin().body(body).post(RUNS).then(), detail);
    assertEquals(before, runs(), "a refused trigger must not store a dag_run row");
  }

  @Test
  void nulInAPathId_is400NamingTheParameter() {
    refused(
        Api.asAdmin().get("/api/v1/dags/{dag_id}", "emoji\u0000sweep").then(),
        "dag_id: 'emoji\\u0000sweep' " + NUL_RULE);
  }

  @Test
  void nulInAQueryValue_is400NamingTheParameter() {
    refused(
        Api.asAdmin().queryParam("dag_id_pattern", "emoji\u0000").get("/api/v1/dags").then(),
        "dag_id_pattern: 'emoji\\u0000' " + NUL_RULE);
  }

  @Test
  void nulInTheRunId_is400AndStoresNoRun() {
    assertTriggerRefused(
        Map.of("dag_run_id", "nul\u0000run"), "dag_run_id: 'nul\\u0000run' " + NUL_RULE);
  }

  @Test
  void nulInDatasetUri_is400AndStoresNoDataset() {
    String uri = "file:///fuzz/" + UUID.randomUUID();
    refused(
        Api.asAdmin()
            .body(Map.of("dataset_uri", uri + "\u0000x"))
            .post("/api/v1/datasets/events")
            .then(),
        "dataset_uri: '" + uri + "\\u0000x' " + NUL_RULE);
    assertEquals(0, datasets(uri));
  }

  @Test
  void nulInAKeyOrValueOfExtra_is400NamingWhereItSits() {
    String uri = "file:///fuzz/" + UUID.randomUUID();
    refused(
        Api.asAdmin()
            .body(
                Map.of("dataset_uri", uri, "extra", Map.of("labels", java.util.List.of("a\u0000"))))
            .post("/api/v1/datasets/events")
            .then(),
        "extra.labels[0]: 'a\\u0000' " + NUL_RULE);
    refused(
        Api.asAdmin()
            .body(Map.of("dataset_uri", uri, "extra", Map.of("k\u0000", 1)))
            .post("/api/v1/datasets/events")
            .then(),
        "extra: 'k\\u0000' has a key that " + NUL_RULE);
    assertEquals(0, datasets(uri));
  }

  @Test
  void runIdLongerThanAirflowAllows_is400AndStoresNoRun() {
    String runId = "r".repeat(251);
    assertTriggerRefused(
        Map.of("dag_run_id", runId),
        "dag_run_id: '"
            + "r".repeat(80)
            + "…' (251 characters) is longer than the maximum of 250 characters");
  }

  @Test
  void datasetUriLongerThanTheIndexHolds_is400AndStoresNoDataset() {
    String uri = "file:///fuzz/" + UUID.randomUUID() + "/";
    refused(
        Api.asAdmin()
            .body(Map.of("dataset_uri", uri + "x".repeat(3000)))
            .post("/api/v1/datasets/events")
            .then(),
        "bytes of UTF-8, above the maximum of 2000 bytes");
    assertEquals(0, datasets(uri));
  }

  @Test
  void logicalDateOutsideYears1To9999_is400AndStoresNoRun() {
    assertTriggerRefused(
        Map.of("logical_date", "+10000-01-01T00:00:00Z"),
        "logical_date: '+10000-01-01T00:00:00Z' is outside the years 1 to 9999");
    assertTriggerRefused(
        Map.of("logical_date", "0000-12-31T00:00:00+00:00"),
        "logical_date: '0000-12-31T00:00:00+00:00' is outside the years 1 to 9999");
  }

  @Test
  void queryDateOutsideYears1To9999_is400() {
    refused(
        Api.asAdmin().queryParam("start_date_gte", "+20000-01-01T00:00:00Z").get(RUNS).then(),
        "start_date_gte: '+20000-01-01T00:00:00Z' is outside the years 1 to 9999");
  }

  @Test
  void wordWhereAnIntegerBelongs_is400NotA404() {
    refused(
        Api.asAdmin().queryParam("dataset_id", "seven").get("/api/v1/datasets/events").then(),
        "dataset_id: 'seven' is not an integer");
    refused(
        Api.asAdmin().get("/api/atelier/promotions/{id}", "seven").then(),
        "id: 'seven' is not an integer between");
    refused(
        Api.asAdmin().get("/api/atelier/reviews/{id}", "99999999999999999999").then(),
        "id: '99999999999999999999' is not an integer between");
    refused(
        Api.asAdmin().queryParam("limit", "ten").get("/api/atelier/reviews").then(),
        "limit: 'ten' is not an integer between -2147483648 and 2147483647");
    refused(
        Api.asAdmin().get(RUNS + "/{run}/taskInstances/train/{index}", "any_run", "first").then(),
        "map_index: 'first' is not an integer");
  }

  @Test
  void triggerWithoutABody_is400AndStartsNothing() {
    long before = runs();
    refused(Api.asAdmin().post(RUNS).then(), "body: missing; a DAGRun object is required, e.g. {}");
    assertEquals(before, runs(), "a trigger without a body must not start a run");
  }

  @Test
  void runIdOutsideAirflowsCharacters_is400AndStoresNoRun() {
    assertTriggerRefused(
        Map.of("dag_run_id", "../../x"),
        "dag_run_id: '../../x' does not match Airflow's run id pattern '^[A-Za-z0-9_.~:+-]+$'");
    assertTriggerRefused(
        Map.of("dag_run_id", "run with spaces"),
        "dag_run_id: 'run with spaces' does not match Airflow's run id pattern");
    assertTriggerRefused(Map.of("dag_run_id", ".."), "dag_run_id: '..' cannot be a run id");
  }

  @Test
  void unknownOrderBy_is400ListingTheAllowedAttributes() {
    refused(
        Api.asAdmin().queryParam("order_by", "-colour").get("/api/v1/pools").then(),
        "order_by: '-colour' is not an attribute this list can be ordered by; use one of [name,"
            + " slots]");
    refused(
        Api.asAdmin().queryParam("order_by", "colour").get(RUNS).then(),
        "order_by: 'colour' is not an attribute this list can be ordered by");
  }
}
