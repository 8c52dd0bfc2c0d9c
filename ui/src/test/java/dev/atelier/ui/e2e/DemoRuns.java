package dev.atelier.ui.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Waiting for a demo sweep's run to end, for the tests that check what comes before its review: the
 * demo Dags end with {@code pick_best >> review}, which waits for a lead, so a pending review of
 * the run is rejected (saying why) and the run then succeeds.
 */
final class DemoRuns {
  private DemoRuns() {}

  static RequestSpecification admin() {
    return given().auth().preemptive().basic("admin", "admin").contentType("application/json");
  }

  /** The run's final state, or "still <state> after <limit>". */
  static String awaitEnd(String dag, String runId, Duration limit, String why)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    String state = "";
    while (Instant.now().isBefore(deadline)) {
      state =
          admin()
              .get("/api/v1/dags/{dag}/dagRuns/{run}", dag, runId)
              .then()
              .statusCode(200)
              .extract()
              .path("state");
      if (state.equals("success") || state.equals("failed")) {
        return state;
      }
      rejectPendingReview(dag, runId, why);
      Thread.sleep(1000);
    }
    return "still " + state + " after " + limit;
  }

  static void rejectPendingReview(String dag, String runId, String why) {
    List<Integer> pending =
        admin()
            .queryParam("dag_id", dag)
            .queryParam("run_id", runId)
            .queryParam("state", "pending")
            .get("/api/atelier/reviews")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    for (Integer id : pending) {
      admin()
          .body(Map.of("reason", why))
          .post("/api/atelier/reviews/{id}/reject", id)
          .then()
          .statusCode(200);
    }
  }
}
