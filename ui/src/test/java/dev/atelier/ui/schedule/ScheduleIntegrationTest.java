package dev.atelier.ui.schedule;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.service.DagSchedules;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Dag on a 2-second interval gets its runs from its Temporal Schedule on the real Temporal
 * server, through the same run service as a manual trigger, and pausing the Dag pauses the
 * Schedule: no run is created after that.
 *
 * <pre>
 *   unpause ─▶ Schedule fires every 2 s ─▶ ScheduledRunWorkflow ─▶ app: scheduled__<start> ─▶ DagRunWorkflow
 *   pause   ─▶ Schedule paused ─▶ no new run
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class ScheduleIntegrationTest {
  private static final String DAG = EveryTwoSecondsDag.DAG_ID;
  private static final String RUNS =
      "select run_id from dag_run where dag_id = ? and run_type = 'scheduled'"
          + " and data_interval_end > ? order by logical_date";

  @Inject DataSource dataSource;
  @Inject DagSchedules schedules;

  @AfterEach
  void pauseAgain() {
    setPaused(true);
  }

  @Test
  void intervalSchedule_createsRunsEveryInterval_andPausingStopsThem() throws Exception {
    Db db = new Db(dataSource);
    OffsetDateTime since = OffsetDateTime.now().minusSeconds(5);

    setPaused(false);
    // The Schedule's own state: read until it shows the unpause (a describe can trail the update;
    // a CI run once saw it still paused after 10 s, right after the unpause's catch-up backfill).
    assertFalse(
        Eventually.await(
            "the Schedule unpaused",
            Duration.ofSeconds(30),
            () -> schedules.describe(DAG).orElseThrow().getSchedule().getState().isPaused(),
            paused -> !paused));
    List<String> created =
        Eventually.await(
            "three scheduled runs",
            Duration.ofSeconds(40),
            () -> db.strings(RUNS, DAG, since),
            r -> r.size() >= 3);

    // Each run covers one 2-second interval; its id and logical date are the interval's start.
    for (String runId : created) {
      JsonPath run =
          Db.api()
              .get("/api/v1/dags/" + DAG + "/dagRuns/" + runId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      Instant start = Instant.parse(run.getString("data_interval_start").replace("+00:00", "Z"));
      Instant end = Instant.parse(run.getString("data_interval_end").replace("+00:00", "Z"));
      assertEquals(Duration.ofSeconds(2), Duration.between(start, end), runId);
      assertEquals(start, Instant.parse(run.getString("logical_date").replace("+00:00", "Z")));
      assertTrue(runId.startsWith("scheduled__") && runId.endsWith("+00:00"), runId);
      assertEquals("scheduled", run.getString("run_type"));
      assertFalse(run.getBoolean("external_trigger"));
    }
    // They run, like any run: DagRunWorkflow takes the first to success.
    Eventually.await(
        "the first scheduled run succeeds",
        Duration.ofSeconds(30),
        () ->
            db.string(
                "select state from dag_run where dag_id = ? and run_id = ?", DAG, created.get(0)),
        "success"::equals);

    Db.api()
        .get("/api/v1/dags/" + DAG)
        .then()
        .statusCode(200)
        .body("schedule_interval.__type", equalTo("TimeDelta"))
        .body("schedule_interval.seconds", equalTo(2))
        .body("timetable_description", equalTo("Every 2 seconds"))
        .body("next_dagrun", notNullValue())
        .body("next_dagrun_create_after", notNullValue());

    setPaused(true);
    assertTrue(schedules.describe(DAG).orElseThrow().getSchedule().getState().isPaused());
    // A firing already on its way may still land; after that, nothing more.
    Thread.sleep(2_500);
    int afterPause = db.strings(RUNS, DAG, since).size();
    Thread.sleep(6_000);
    assertEquals(afterPause, db.strings(RUNS, DAG, since).size(), "no run after the pause");
  }

  private static void setPaused(boolean paused) {
    Db.api()
        .queryParam("update_mask", "is_paused")
        .body(Map.of("is_paused", paused))
        .patch("/api/v1/dags/" + DAG)
        .then()
        .statusCode(200)
        .body("is_paused", equalTo(paused));
  }
}
