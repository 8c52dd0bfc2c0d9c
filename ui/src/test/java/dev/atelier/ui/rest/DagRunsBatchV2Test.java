package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Airflow 3's batch listing, {@code POST /api/v2/dags/~/dagRuns/list}: runs of two Dags picked by
 * {@code dag_ids}, {@code states}, a date bound, a duration bound and {@code conf_contains}, paged
 * and ordered by the body; a Dag other than {@code ~} and every bad field are 422s naming field,
 * value and rule.
 *
 * <pre>
 *   a1 (RunDatesDag, success, 10 s)   a2 (RunDatesDag, failed, 120 s)   b1 (TriesDag, failed, 300 s)
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DagRunsBatchV2Test {
  private static final String LIST = "/api/v2/dags/~/dagRuns/list";
  private static final String A = RunDatesDag.DAG_ID;
  private static final String B = TriesDag.DAG_ID;

  @Inject DataSource dataSource;
  private final String marker = "batch_" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void runs() {
    RunFixtures sql = new RunFixtures(dataSource);
    insert(sql, A, marker + "_a1", "success", 1, 10);
    insert(sql, A, marker + "_a2", "failed", 2, 120);
    insert(sql, B, marker + "_b1", "failed", 3, 300);
  }

  /** A run without a logical date, {@code n} hours into 2001, that took {@code seconds}. */
  private void insert(RunFixtures sql, String dag, String runId, String state, int n, int seconds) {
    sql.sql(
        "insert into dag_run (dag_id, run_id, state, conf, logical_date, run_after, start_date,"
            + " end_date, workflow_id) values (?, ?, ?, ?::jsonb, null,"
            + " timestamptz '2001-01-01 00:00:00+00' + ? * interval '1 hour',"
            + " timestamptz '2001-01-01 00:00:00+00' + ? * interval '1 hour',"
            + " timestamptz '2001-01-01 00:00:00+00' + ? * interval '1 hour'"
            + " + ? * interval '1 second', 'wf-batch')",
        dag,
        runId,
        state,
        "{\"marker\": \"" + marker + "\"}",
        n,
        n,
        n,
        seconds);
  }

  @Test
  void filtersPickAcrossDags_orderedAndPagedByTheBody() {
    Api.asAdmin()
        .body(Map.of("dag_ids", List.of(A, B), "conf_contains", marker, "order_by", "-run_after"))
        .post(LIST)
        .then()
        .statusCode(200)
        .body("total_entries", equalTo(3))
        .body(
            "dag_runs.dag_run_id", equalTo(List.of(marker + "_b1", marker + "_a2", marker + "_a1")))
        .body("dag_runs[0].dag_id", equalTo(B))
        .body("dag_runs[0].logical_date", equalTo(null));
    Api.asAdmin()
        .body(Map.of("conf_contains", marker, "states", List.of("failed"), "duration_lt", 300.0))
        .post(LIST)
        .then()
        .statusCode(200)
        .body("dag_runs.dag_run_id", equalTo(List.of(marker + "_a2")));
    Api.asAdmin()
        .body(
            Map.of(
                "conf_contains",
                marker,
                "run_after_gt",
                "2001-01-01T01:00:00Z",
                "order_by",
                "run_after",
                "page_limit",
                1,
                "page_offset",
                1))
        .post(LIST)
        .then()
        .statusCode(200)
        .body("total_entries", equalTo(2))
        .body("dag_runs.dag_run_id", equalTo(List.of(marker + "_b1")));
    Api.asAdmin()
        .body(Map.of("dag_ids", List.of(), "conf_contains", marker))
        .post(LIST)
        .then()
        .statusCode(200)
        .body("total_entries", equalTo(0));
  }

  @Test
  void aDagOtherThanTilde_andBadFields_are422NamingEach() {
    Api.asAdmin()
        .body("{}")
        .post("/api/v2/dags/" + A + "/dagRuns/list")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("path", "dag_id")))
        .body("detail[0].msg", containsString("must be '~'"));
    Api.asAdmin()
        .body(
            Map.of(
                "states", List.of("done"),
                "page_limit", -1,
                "order_by", "colour",
                "duration_gte", "long",
                "colour", "red"))
        .post(LIST)
        .then()
        .statusCode(422)
        .body("detail.loc", hasItem(List.of("body", "states", 0)))
        .body("detail.loc", hasItem(List.of("body", "page_limit")))
        .body("detail.loc", hasItem(List.of("body", "order_by")))
        .body("detail.loc", hasItem(List.of("body", "duration_gte")))
        .body("detail.loc", hasItem(List.of("body", "colour")));
  }
}
