package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.schedule.Eventually;
import dev.atelier.ui.service.AirflowDates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Airflow 3's run dates through {@code /api/v2}: a trigger without a logical date stores none (and
 * no data interval), is named and ordered by its {@code run_after}, and still runs, its templates
 * rendering from {@code run_after}; two such triggers do not collide; a logical date and a
 * different {@code run_after} are both kept; {@code /api/v1} shows the missing date as null.
 *
 * <pre>
 *   POST {}                               ─▶ logical_date null, run_after now, manual__&lt;run_after&gt;
 *   POST {logical_date: 2020, run_after}  ─▶ both kept, listed by run_after
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class RunDatesV2Test {
  private static final String DAG = RunDatesDag.DAG_ID;
  private static final String RUNS = "/api/v2/dags/" + DAG + "/dagRuns";

  @Test
  void aTriggerWithoutALogicalDate_hasNone_isNamedByRunAfter_andRuns() throws Exception {
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
    JsonPath first = trigger("{\"logical_date\": null}");
    JsonPath second = trigger("{}");
    for (JsonPath run : List.of(first, second)) {
      assertNull(run.getString("logical_date"), "logical_date");
      assertNull(run.getString("data_interval_start"), "data_interval_start");
      OffsetDateTime after = OffsetDateTime.parse(run.getString("run_after"));
      assertTrue(!after.isBefore(before), "run_after " + after + " is now, not before " + before);
      assertTrue(run.getString("dag_run_id").startsWith("manual__"), run.getString("dag_run_id"));
    }
    assertNotEquals(first.getString("dag_run_id"), second.getString("dag_run_id"));

    String runId = first.getString("dag_run_id");
    String runAfter = first.getString("run_after");
    Eventually.await(
        "the run succeeds",
        Duration.ofSeconds(60),
        () -> Api.asAdmin().get(RUNS + "/" + runId).then().extract().jsonPath().getString("state"),
        "success"::equals);
    // Airflow 3 leaves ds undefined for such a run; here the templates render from run_after.
    Map<String, Object> dates =
        Api.asAdmin()
            .get(RUNS + "/" + runId + "/taskInstances/dates/xcomEntries/return_value")
            .then()
            .statusCode(200)
            .body("logical_date", nullValue())
            .body("run_after", equalTo(runAfter))
            .extract()
            .jsonPath()
            .getMap("value");
    assertEquals(runAfter.substring(0, 10), dates.get("ds"));

    Api.asAdmin()
        .get(RUNS + "/" + runId)
        .then()
        .statusCode(200)
        .body("logical_date", nullValue())
        .body("state", equalTo("success"));
    Api.asAdmin()
        .get("/api/v1/dags/" + DAG + "/dagRuns/" + runId)
        .then()
        .statusCode(200)
        .body("logical_date", nullValue())
        .body("execution_date", nullValue())
        .body("state", equalTo("success"));
    Api.asAdmin()
        .get(RUNS + "/" + runId + "/taskInstances/dates")
        .then()
        .statusCode(200)
        .body("logical_date", nullValue())
        .body("run_after", equalTo(runAfter));
  }

  @Test
  void aLogicalDateAndALaterRunAfter_areBothKept_andListsFilterAndOrderByRunAfter() {
    // A date of its own, so that the test can run again on the same database.
    String logical =
        AirflowDates.iso(
            OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                .plusSeconds(ThreadLocalRandom.current().nextLong(365L * 86400)));
    OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3650).withNano(0);
    JsonPath run = trigger(Map.of("logical_date", logical, "run_after", later.toString()));
    String runId = run.getString("dag_run_id");
    assertEquals("manual__" + logical, runId, "the id is the logical date's");
    assertEquals(logical, run.getString("logical_date").replace("Z", "+00:00"));
    assertEquals(later.toInstant(), OffsetDateTime.parse(run.getString("run_after")).toInstant());

    JsonPath newest =
        Api.asAdmin()
            .queryParam("order_by", "-run_after")
            .queryParam("limit", 1)
            .get(RUNS)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(List.of(runId), newest.getList("dag_runs.dag_run_id"), "latest run_after first");
    Api.asAdmin()
        .queryParam("run_after_gte", later.minusSeconds(1).toString())
        .get(RUNS)
        .then()
        .statusCode(200)
        .body("dag_runs.dag_run_id", equalTo(List.of(runId)));
    Api.asAdmin()
        .queryParam("logical_date_gte", logical)
        .queryParam("logical_date_lte", logical)
        .get(RUNS)
        .then()
        .statusCode(200)
        .body("dag_runs.dag_run_id", equalTo(List.of(runId)));
    // The same logical date again is refused: one run per logical date, as Airflow keeps.
    Api.asAdmin()
        .body(Map.of("logical_date", logical, "dag_run_id", "other_" + System.nanoTime()))
        .post(RUNS)
        .then()
        .statusCode(409)
        .body("detail", startsWith("DAGRun with DAG ID: '" + DAG + "' and DAGRun logical date"));
  }

  /** A JSON text, or a map that RestAssured writes as JSON. */
  private static JsonPath trigger(Object body) {
    return Api.asAdmin().body(body).post(RUNS).then().statusCode(200).extract().jsonPath();
  }
}
