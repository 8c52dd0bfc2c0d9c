package dev.atelier.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Airflow's own Python client 3.x ({@code apache-airflow-client} 3.3.2, venv {@code
 * .atelier/venv-airflow3}) drives this app's backfills, Dag versions and pools through {@code
 * /api/v2}: {@code test_yearly}'s versions listed and read, a backfill of it dry-run, created,
 * paused, unpaused and cancelled (its runs that had not started fail), and a pool created, resized
 * and deleted. The script is {@code src/test/python/airflow3_backfill_e2e.py}; the client parses
 * every answer into its pydantic models, so a wrong shape fails it.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class Airflow3BackfillEndToEndTest {
  private static final Path SCRIPT = Path.of("src/test/python/airflow3_backfill_e2e.py");

  @TestHTTPResource("/")
  URL base;

  @Inject DataSource dataSource;

  @BeforeEach
  @AfterEach
  void noRunsOrBackfillsOfTheRange() throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement runs =
            c.prepareStatement(
                "delete from dag_run where dag_id = 'test_yearly'"
                    + " and logical_date < '2024-01-01'::timestamptz");
        PreparedStatement backfills =
            c.prepareStatement("delete from backfill where dag_id = 'test_yearly'");
        PreparedStatement unpause =
            c.prepareStatement("update dag set is_paused = false where dag_id = 'test_yearly'")) {
      runs.executeUpdate();
      backfills.executeUpdate();
      unpause.executeUpdate();
    }
  }

  @Test
  void airflow3PythonClient_backfillsVersionsAndPools() throws Exception {
    List<String> output = new ArrayList<>();
    Process process =
        new ProcessBuilder(
                Airflow3ClientEndToEndTest.python(),
                SCRIPT.toString(),
                "--base",
                base.toString().replaceAll("/$", ""))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println("airflow3-backfill | " + line);
        output.add(line);
      }
    }
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the client script did not exit");
    String all = String.join("\n", output);
    assertEquals(0, process.exitValue(), "the Airflow 3 client script failed:\n" + all);
    assertTrue(all.contains("steps passed"), all);
  }
}
