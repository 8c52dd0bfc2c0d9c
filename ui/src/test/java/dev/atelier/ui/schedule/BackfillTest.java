package dev.atelier.ui.schedule;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Airflow's backfill over {@code test_yearly} (every 1 January, max_active_runs=1): one {@code
 * backfill__<logical date>} run per interval of the range, a date that has a run already left
 * alone, never more than one of them active at once.
 *
 * <pre>
 *   2021-01-01 backfill ██ ─▶ 2022-01-01 (manual run exists: skipped) ─▶ 2023-01-01 backfill ██
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class BackfillTest {
  private static final String DAG = YearlyDag.DAG_ID;
  private static final String PATH = "/api/atelier/dags/{dag}/backfills";

  @Inject DataSource dataSource;

  @BeforeEach
  void noEarlierRunsInTheRange() {
    new Db(dataSource)
        .update(
            "delete from dag_run where dag_id = ? and logical_date < '2024-01-01'::timestamptz",
            DAG);
  }

  @Test
  void backfill_createsOneRunPerInterval_skipsTakenDates_andHoldsMaxActiveRuns() throws Exception {
    Db db = new Db(dataSource);
    Db.api()
        .body(Map.of("dag_run_id", "test_manual_2022", "logical_date", "2022-01-01T00:00:00Z"))
        .post("/api/v1/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(200);

    JsonPath backfill =
        Db.api()
            .body(Map.of("from_date", "2020-06-01T00:00:00Z", "to_date", "2023-01-01T00:00:00Z"))
            .post(PATH, DAG)
            .then()
            .statusCode(200)
            .body("total_entries", equalTo(2))
            .extract()
            .jsonPath();

    assertEquals(
        List.of("backfill__2021-01-01T00:00:00+00:00", "backfill__2023-01-01T00:00:00+00:00"),
        backfill.getList("dag_runs.dag_run_id"));
    assertEquals(List.of("backfill", "backfill"), backfill.getList("dag_runs.run_type"));
    assertEquals(
        List.of("2021-01-01T00:00:00Z", "2022-01-01T00:00:00Z"),
        List.of(
            backfill.getString("dag_runs[0].data_interval_start"),
            backfill.getString("dag_runs[0].data_interval_end")));
    assertEquals(List.of("test_manual_2022"), backfill.getList("existing_dag_run_ids"));

    // max_active_runs=1 across the manual run and both backfill runs, until all have run.
    Eventually.await(
        "every run of the range succeeds, one at a time",
        Duration.ofSeconds(60),
        () -> {
          String active =
              db.string(
                  "select count(*) from dag_run where dag_id = ? and state in ('queued',"
                      + " 'running') and not awaiting_start",
                  DAG);
          assertTrue(Integer.parseInt(active) <= 1, "active runs: " + active);
          return db.strings(
              "select state from dag_run where dag_id = ? and logical_date <"
                  + " '2024-01-01'::timestamptz order by logical_date",
              DAG);
        },
        List.of("success", "success", "success")::equals);
  }

  @Test
  void badBackfills_nameTheFieldTheValueAndTheRule() {
    refused(
        DAG,
        Map.of("from_date", "2023-01-01T00:00:00Z", "to_date", "2021-01-01T00:00:00Z"),
        400,
        "from_date: '2023-01-01T00:00:00Z' is after to_date '2021-01-01T00:00:00Z'; a backfill"
            + " range must not run backwards");
    refused(
        DAG,
        Map.of("from_date", "yesterday", "to_date", "2021-01-01T00:00:00Z"),
        400,
        "from_date: 'yesterday' is not an ISO-8601 date-time with offset (e.g."
            + " 2026-01-31T12:00:00+00:00)");
    refused(
        DAG,
        Map.of("to_date", "2021-01-01T00:00:00Z"),
        400,
        "from_date: is required, an ISO-8601 date-time with offset (2026-01-01T00:00:00Z)");
    refused(
        DAG,
        Map.of("from_date", "2010-01-01T00:00:00Z", "to_date", "2019-06-01T00:00:00Z"),
        400,
        "from_date..to_date: no data interval of Dag test_yearly (cron 0 0 1 1 * (UTC),"
            + " start_date 2020-01-01T00:00:00Z) starts between"
            + " '2010-01-01T00:00:00Z' and '2019-06-01T00:00:00Z'");
    refused(
        DatasetConditionDag.DAG_ID,
        Map.of("from_date", "2021-01-01T00:00:00Z", "to_date", "2022-01-01T00:00:00Z"),
        400,
        "dag_id: 'test_on_datasets' is scheduled 'Triggered by datasets: ("
            + DatasetConditionDag.IMAGES.uri()
            + " & ("
            + DatasetConditionDag.LABELS.uri()
            + " | "
            + DatasetConditionDag.CURATED.uri()
            + "))'; only a time-based schedule (cron, preset, interval, @once) has data intervals"
            + " to backfill");
    refused(
        "no_such_dag",
        Map.of("from_date", "2021-01-01T00:00:00Z", "to_date", "2022-01-01T00:00:00Z"),
        404,
        "DAG with dag_id: 'no_such_dag' not found");
  }

  /** {@code ./atelier backfill} drives the same API and prints the runs, or the API's refusal. */
  @Test
  void theAtelierCommand_backfillsThroughTheApi() throws Exception {
    Cli ok = cli(DAG, "--start", "2021-01-01T00:00:00Z", "--end", "2021-01-01T00:00:00Z");
    assertEquals(0, ok.code(), ok.output());
    assertTrue(
        ok.output().contains("backfill of test_yearly: 1 run(s) created\nDAG_RUN_ID"), ok.output());
    assertTrue(
        ok.output()
            .contains(
                "\nbackfill__2021-01-01T00:00:00+00:00  2021-01-01T00:00:00Z  2022-01-01T00:00:00Z"),
        ok.output());

    Cli bad = cli(DAG, "--start", "2023-01-01T00:00:00Z", "--end", "2021-01-01T00:00:00Z");
    assertEquals(1, bad.code(), bad.output());
    assertTrue(
        bad.output()
            .contains(
                "atelier: backfill: the app refused (400): from_date: '2023-01-01T00:00:00Z' is after"
                    + " to_date '2021-01-01T00:00:00Z'"),
        bad.output());
  }

  private record Cli(int code, String output) {}

  private static Cli cli(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", "../atelier", "backfill"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("ATELIER_URL", "http://localhost:" + io.restassured.RestAssured.port);
    Process p = pb.start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return new Cli(p.waitFor(), out);
  }

  private static void refused(String dag, Map<String, Object> body, int status, String detail) {
    Db.api().body(body).post(PATH, dag).then().statusCode(status).body("detail", equalTo(detail));
  }
}
