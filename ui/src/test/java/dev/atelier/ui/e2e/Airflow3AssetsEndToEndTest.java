package dev.atelier.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Airflow's own Python client 3.x (in {@code .atelier/venv-airflow3}, see {@link
 * Airflow3ClientEndToEndTest}) drives Atelier's assets through {@code /api/v2}: lists them, creates
 * an asset event by {@code asset_id} that starts an asset-scheduled Dag (run type {@code
 * asset_triggered}) and reads the run's upstream asset events, sees an event that completes nothing
 * stay queued and drops it, materializes an {@code @asset} Dag, and runs a task that adds an event
 * through an {@code AssetAlias}, which starts the Dag scheduled on the alias, then lists the alias.
 * The Dags are {@link dev.atelier.ui.schedule.AssetDags} and {@link
 * dev.atelier.ui.schedule.AliasDags}; the script is {@code src/test/python/airflow3_assets_e2e.py}.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class Airflow3AssetsEndToEndTest {
  private static final Path SCRIPT = Path.of("src/test/python/airflow3_assets_e2e.py");

  @TestHTTPResource("/")
  URL base;

  @Test
  void airflow3PythonClient_drivesAssetsEndToEnd() throws Exception {
    List<String> output = new ArrayList<>();
    String root = base.toString().replaceAll("/$", "");
    Process process =
        new ProcessBuilder(Airflow3ClientEndToEndTest.python(), SCRIPT.toString(), "--base", root)
            .redirectErrorStream(true)
            .start();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println("airflow3-assets | " + line);
        output.add(line);
      }
    }
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the client script did not exit");
    String all = String.join("\n", output);
    assertEquals(0, process.exitValue(), "the Airflow 3 assets script failed:\n" + all);
    assertTrue(all.contains("steps passed"), all);
  }
}
