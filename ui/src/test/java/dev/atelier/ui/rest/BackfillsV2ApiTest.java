package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.schedule.YearlyDag;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Airflow 3's {@code /api/v2/backfills} over {@code test_yearly} (every 1 January since 2020,
 * max_active_runs=1): a dry run lists the dates, a paused backfill starts none of its runs even
 * while its Dag runs, cancelling fails the runs that had not started and completes it, a second
 * backfill of the same Dag waits its turn (409), and {@code run_backwards} starts the newest date
 * first.
 *
 * <pre>
 *   2021-01-01 ── 2022-01-01 ── 2023-01-01      run_backwards: 2023 ▶ 2022 ▶ 2021
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class BackfillsV2ApiTest {
  private static final String DAG = YearlyDag.DAG_ID;

  @Inject DataSource dataSource;

  @BeforeEach
  @AfterEach
  void noRunsOrBackfillsInTheRange() throws Exception {
    sql("delete from dag_run where dag_id = ? and logical_date < '2024-01-01'::timestamptz", DAG);
    sql("delete from backfill where dag_id = ?", DAG);
    paused(false);
  }

  private static Map<String, Object> body(Object... more) {
    Map<String, Object> b = new java.util.LinkedHashMap<>();
    b.put("dag_id", DAG);
    b.put("from_date", "2020-06-01T00:00:00Z");
    b.put("to_date", "2023-01-01T00:00:00Z");
    for (int i = 0; i < more.length; i += 2) {
      b.put((String) more[i], more[i + 1]);
    }
    return b;
  }

  @Test
  void pausedBackfill_startsNothing_andCancelFailsItsWaitingRuns() throws Exception {
    Api.asAdmin()
        .body(body())
        .post("/api/v2/backfills/dry_run")
        .then()
        .statusCode(200)
        .body("total_entries", equalTo(3))
        .body(
            "backfills.logical_date",
            equalTo(
                List.of("2021-01-01T00:00:00Z", "2022-01-01T00:00:00Z", "2023-01-01T00:00:00Z")));
    assertEquals(List.of(), runStates(), "a dry run stores nothing");

    paused(true); // nothing starts while the backfill is created and paused
    int id =
        Api.asAdmin()
            .body(body("max_active_runs", 2, "dag_run_conf", Map.of()))
            .post("/api/v2/backfills")
            .then()
            .statusCode(200)
            .body("dag_id", equalTo(DAG))
            .body("is_paused", equalTo(false))
            .body("max_active_runs", equalTo(2))
            .body("reprocess_behavior", equalTo("none"))
            .body("from_date", equalTo("2020-06-01T00:00:00Z"))
            .body("completed_at", nullValue())
            .extract()
            .path("id");
    Api.asAdmin()
        .put("/api/v2/backfills/" + id + "/pause")
        .then()
        .statusCode(200)
        .body("is_paused", equalTo(true));
    paused(false); // the Dag runs again; the paused backfill's runs still wait
    Thread.sleep(1500);
    assertEquals(List.of("queued/true", "queued/true", "queued/true"), runStates());

    // A Dag has one backfill at a time.
    Api.asAdmin()
        .body(body())
        .post("/api/v2/backfills")
        .then()
        .statusCode(409)
        .body("detail", containsString("There is already a running backfill for Dag " + DAG));

    Api.asAdmin()
        .get("/api/v2/backfills?dag_id=" + DAG)
        .then()
        .statusCode(200)
        .body("total_entries", equalTo(1))
        .body("backfills.id", hasItem(id));

    Api.asAdmin()
        .put("/api/v2/backfills/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("completed_at", notNullValue())
        .body("is_paused", equalTo(false));
    assertEquals(List.of("failed/false", "failed/false", "failed/false"), runStates());
    assertEquals(
        "backfill " + id + " was cancelled before the run started",
        text("select note from dag_run where backfill_id = ? limit 1", (long) id));
    Api.asAdmin()
        .put("/api/v2/backfills/" + id + "/cancel")
        .then()
        .statusCode(409)
        .body("detail", containsString("Backfill " + id + " is already completed"));
    Api.asAdmin().put("/api/v2/backfills/" + id + "/unpause").then().statusCode(409);

    // The failed dates run again only when asked to.
    Api.asAdmin()
        .body(body())
        .post("/api/v2/backfills/dry_run")
        .then()
        .body("total_entries", equalTo(0));
    Api.asAdmin()
        .body(body("reprocess_behavior", "failed"))
        .post("/api/v2/backfills/dry_run")
        .then()
        .body("total_entries", equalTo(3));
  }

  @Test
  void runBackwards_startsTheNewestDateFirst() throws Exception {
    Api.asAdmin()
        .body(body("run_backwards", true, "max_active_runs", 1))
        .post("/api/v2/backfills")
        .then()
        .statusCode(200)
        .body("run_backwards", equalTo(true));
    List<String> done = List.of("success/false", "success/false", "success/false");
    long deadline = System.currentTimeMillis() + 60_000;
    while (!runStates().equals(done)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the backfill's runs did not all succeed: " + runStates());
      }
      Thread.sleep(250);
    }
    List<String> byStart = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select to_char(logical_date at time zone 'UTC', 'YYYY') from dag_run where"
                    + " dag_id = ? and backfill_id is not null order by start_date")) {
      ps.setString(1, DAG);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byStart.add(rs.getString(1));
        }
      }
    }
    assertEquals(List.of("2023", "2022", "2021"), byStart);
  }

  @Test
  void badBackfills_are422NamingFieldValueAndRule_andStoreNothing() throws Exception {
    Api.asAdmin()
        .body(
            Map.of(
                "dag_id", DAG,
                "from_date", "2023-01-01T00:00:00Z",
                "to_date", "2021-01-01T00:00:00Z",
                "reprocess_behavior", "sometimes",
                "max_active_runs", 0))
        .post("/api/v2/backfills")
        .then()
        .statusCode(422)
        .body("detail", hasSize(3))
        .body(
            "detail.msg",
            hasItem("reprocess_behavior: \"sometimes\" is not one of [none, failed, completed]"))
        .body("detail.msg", hasItem("max_active_runs: 0 must be greater than or equal to 1"))
        .body(
            "detail.msg",
            hasItem(
                "to_date: '2021-01-01T00:00:00+00:00' is before from_date 2023-01-01T00:00:00+00:00; a"
                    + " backfill range must not run backwards (use run_backwards to run its"
                    + " newest date first)"));
    Api.asAdmin()
        .body(Map.of("from_date", "yesterday"))
        .post("/api/v2/backfills")
        .then()
        .statusCode(422)
        .body("detail.loc", hasItem(List.of("body", "dag_id")))
        .body("detail.loc", hasItem(List.of("body", "to_date")))
        .body(
            "detail.msg",
            hasItem(
                "from_date: 'yesterday' is not an RFC 3339 date-time (e.g. 2026-01-31T12:00:00Z)"));
    assertEquals(0L, Long.parseLong(text("select count(*) from backfill where dag_id = ?", DAG)));

    Api.asAdmin()
        .get("/api/v2/backfills")
        .then()
        .statusCode(422)
        .body("detail[0].msg", equalTo("dag_id: missing; the field is required"));
    Api.asAdmin()
        .get("/api/v2/backfills/abc")
        .then()
        .statusCode(422)
        .body("detail[0].msg", equalTo("backfill_id: 'abc' is not a valid integer"));
    Api.asAdmin()
        .get("/api/v2/backfills/987654321")
        .then()
        .statusCode(404)
        .body("detail", equalTo("Could not find backfill with id 987654321"));
    Api.asAdmin()
        .body(body("dag_id", "no_such_dag"))
        .post("/api/v2/backfills")
        .then()
        .statusCode(404);
  }

  /** Found by {@link OpenApiV2FuzzTest}: an empty date was taken as absent, then failed (500). */
  @Test
  void emptyDate_is422NamingIt_andNothingIsStoredOrPlanned() throws Exception {
    for (String path : List.of("/api/v2/backfills", "/api/v2/backfills/dry_run")) {
      Api.asAdmin()
          .body(body("to_date", ""))
          .post(path)
          .then()
          .statusCode(422)
          .body("detail", hasSize(1))
          .body("detail[0].loc", equalTo(List.of("body", "to_date")))
          .body("detail[0].input", equalTo(""))
          .body(
              "detail[0].msg",
              equalTo("to_date: '' is not an RFC 3339 date-time (e.g. 2026-01-31T12:00:00Z)"));
      Api.asAdmin()
          .body(body("from_date", " "))
          .post(path)
          .then()
          .statusCode(422)
          .body("detail[0].loc", equalTo(List.of("body", "from_date")));
    }
    assertEquals(0L, Long.parseLong(text("select count(*) from backfill where dag_id = ?", DAG)));
    assertEquals(List.of(), runStates());
  }

  private List<String> runStates() throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select state || '/' || awaiting_start from dag_run where dag_id = ?"
                    + " and logical_date < '2024-01-01'::timestamptz order by logical_date")) {
      ps.setString(1, DAG);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static void paused(boolean paused) {
    Api.asAdmin()
        .body(Map.of("is_paused", paused))
        .patch("/api/v2/dags/" + DAG)
        .then()
        .statusCode(200);
  }

  private String text(String query, Object... args) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(query)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private void sql(String statement, Object... args) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }
}
