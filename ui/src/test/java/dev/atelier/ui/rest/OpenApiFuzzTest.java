package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.VenvPython;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Schemathesis (from the venv, {@code scripts/requirements.txt}) reads this app's own OpenAPI
 * document and sends every {@code /api/v1} operation requests made from its schemas, valid and
 * invalid (NUL characters, huge numbers, long strings, odd dates), as a lead user. Any 5xx fails
 * the test with schemathesis's reproduction ({@code curl}) in the output. A fixed seed and a number
 * of examples per operation keep a run within about two minutes on two cores.
 *
 * <p>Ids are {@link FuzzTargetDag}'s (one empty task) and its fixture run, or made up ({@code
 * src/test/resources/schemathesis.toml}), so the fuzzer never starts a training run or pauses a Dag
 * that other tests use; the runs, datasets and events it creates are deleted afterwards.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class OpenApiFuzzTest {
  /** Per operation and phase; 100 keeps the whole run within about two minutes on two cores. */
  private static final int EXAMPLES = 100;

  private static final long SEED = 20261121;
  private static final String DAG = FuzzTargetDag.DAG_ID;
  private static final Path CONFIG = Path.of("src/test/resources/schemathesis.toml");

  /** The JUnit report (one case per operation) and the document that was fuzzed, kept. */
  private static final Path REPORTS = Path.of("target/schemathesis");

  @TestHTTPResource("/")
  URL root;

  @Inject DataSource dataSource;

  @Test
  void schemathesis_findsNoServerErrorInApiV1() throws Exception {
    Files.createDirectories(REPORTS);
    Files.writeString(
        REPORTS.resolve("openapi.json"), given().get("/q/openapi?format=json").asString());
    RunFixtures db = new RunFixtures(dataSource);
    long lastDataset = Long.parseLong(db.string("select coalesce(max(id), 0) from dataset"));
    db.sql(
        "insert into dag_run (dag_id, run_id, state, conf, logical_date, workflow_id)"
            + " values (?, 'fuzz_fixture', 'success', '{}'::jsonb, now(), 'none')"
            + " on conflict do nothing",
        DAG);
    db.sql(
        "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number)"
            + " values (?, 'fuzz_fixture', 'work', -1, 'success', 1) on conflict do nothing",
        DAG);
    String origin = root.toString().replaceAll("/$", "");
    List<String> output = new ArrayList<>();
    int exit;
    try (RoleUsers users = new RoleUsers(dataSource, "fuzz")) {
      Process process =
          new ProcessBuilder(
                  VenvPython.tool("st"),
                  "--config-file",
                  CONFIG.toAbsolutePath().toString(),
                  "run",
                  origin + "/q/openapi?format=json",
                  "--url",
                  origin,
                  "--include-path-regex",
                  "^/api/v1/",
                  "--auth",
                  users.name("lead") + ":" + RoleUsers.PASSWORD,
                  // State-changing requests need a same-site Origin (else 403, see CrossSite*).
                  "--header",
                  "Origin: " + origin,
                  "--checks",
                  "not_a_server_error",
                  "--phases",
                  "examples,coverage,fuzzing",
                  "--max-examples",
                  String.valueOf(EXAMPLES),
                  "--seed",
                  String.valueOf(SEED),
                  "--workers",
                  "1",
                  "--generation-database",
                  "none",
                  "--request-timeout",
                  "20",
                  "--no-color",
                  "--report",
                  "junit",
                  "--report-dir",
                  ".")
              // Its cache (.schemathesis/) goes beside the reports, under target/.
              .directory(REPORTS.toFile())
              .redirectErrorStream(true)
              .start();
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          System.out.println("schemathesis | " + line);
          output.add(line);
        }
      }
      assertTrue(process.waitFor(5, TimeUnit.MINUTES), "schemathesis did not exit");
      exit = process.exitValue();
    } finally {
      cleanUp(db, lastDataset);
    }
    String all = String.join("\n", output);
    assertTrue(all.contains("API Operations"), "schemathesis did not test the API:\n" + all);
    assertEquals(0, exit, "schemathesis found failures (5xx answers) in /api/v1:\n" + all);
  }

  /**
   * The fuzzer's runs finish (one empty task each; those held by a pause never started) before
   * their rows go; then its datasets and their events.
   */
  private static void cleanUp(RunFixtures db, long lastDataset) throws InterruptedException {
    String going =
        "select count(*) from dag_run where dag_id = ? and state in ('queued', 'running')"
            + " and not awaiting_start";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!"0".equals(db.string(going, DAG)) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    db.sql("delete from dag_run where dag_id = ?", DAG);
    db.sql("update dag set is_paused = false where dag_id = ?", DAG);
    db.sql(
        "delete from dataset_event where dataset_id in (select id from dataset where id > ?)",
        lastDataset);
    db.sql("delete from dataset where id > ?", lastDataset);
  }
}
