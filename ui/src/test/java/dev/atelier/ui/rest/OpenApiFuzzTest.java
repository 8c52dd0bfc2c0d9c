package dev.atelier.ui.rest;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schemathesis (from the venv, {@code scripts/requirements.txt}) reads this app's own OpenAPI
 * document and sends every {@code /api/v1} operation requests made from its schemas, valid and
 * invalid (NUL characters, huge numbers, long strings, odd dates), as a lead user. Any 5xx fails
 * the test with schemathesis's reproduction ({@code curl}) in the output. Bounded by a fixed seed
 * and a number of examples per operation, so a run takes a minute or two on two cores.
 *
 * <p>The requests meet random ids, so they never pause or delete what other tests use; the datasets
 * and events they create are deleted afterwards.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class OpenApiFuzzTest {
  /** Per operation and phase; 25 keeps the whole run within about two minutes on two cores. */
  private static final int EXAMPLES = 25;

  private static final long SEED = 20261121;

  @TestHTTPResource("/")
  URL root;

  @Inject DataSource dataSource;

  @TempDir Path reports;

  @Test
  void schemathesis_findsNoServerErrorInApiV1() throws Exception {
    RunFixtures db = new RunFixtures(dataSource);
    long lastDataset = Long.parseLong(db.string("select coalesce(max(id), 0) from dataset"));
    String origin = root.toString().replaceAll("/$", "");
    List<String> output = new ArrayList<>();
    int exit;
    try (RoleUsers users = new RoleUsers(dataSource, "fuzz")) {
      Process process =
          new ProcessBuilder(
                  VenvPython.tool("st"),
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
                  reports.toString())
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
      db.sql(
          "delete from dataset_event where dataset_id in (select id from dataset where id > ?)",
          lastDataset);
      db.sql("delete from dataset where id > ?", lastDataset);
    }
    String all = String.join("\n", output);
    assertTrue(all.contains("API Operations"), "schemathesis did not test the API:\n" + all);
    assertEquals(0, exit, "schemathesis found failures (5xx answers) in /api/v1:\n" + all);
  }
}
