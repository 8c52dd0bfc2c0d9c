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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Airflow's own Python client 3.x ({@code apache-airflow-client} 3.3.2, in its own venv {@code
 * .atelier/venv-airflow3}, since it shares the {@code airflow_client} package with the 2.x client)
 * drives a real sweep through this app's {@code /api/v2}: a token from {@code POST /auth/token},
 * version and health, list Dags, unpause, trigger with conf and no logical date, poll to success,
 * list runs of every Dag ({@code ~}), the mapped trials and their tries, an XCom, a 422 and a 404.
 * The client parses every answer into its pydantic models, so a field of the wrong type or a
 * missing required one fails the script. The script is {@code
 * src/test/python/airflow3_client_e2e.py}.
 *
 * <pre>
 *   prepare_dataset ──> train[0] (latent 8)  ──> pick_best ──> review
 *                  └──> train[1] (latent 16) ──┘
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class Airflow3ClientEndToEndTest {
  private static final Path SCRIPT = Path.of("src/test/python/airflow3_client_e2e.py");

  @TestHTTPResource("/")
  URL base;

  @TempDir Path images;

  @Test
  void airflow3PythonClient_drivesASweepEndToEnd() throws Exception {
    SyntheticImages.write(images, 16);
    List<String> output = new ArrayList<>();
    String root = base.toString().replaceAll("/$", "");
    Process process =
        new ProcessBuilder(
                python(), SCRIPT.toString(), "--base", root, "--dataset", images.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println("airflow3-client | " + line);
        output.add(line);
      }
    }
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the client script did not exit");
    String all = String.join("\n", output);
    assertEquals(0, process.exitValue(), "the Airflow 3 client script failed:\n" + all);
    assertTrue(all.contains("steps passed"), all);
  }

  /**
   * The Airflow 3 client's venv: {@code ATELIER_PYTHON_AIRFLOW3} (./atelier test exports it), else
   * {@code venv-airflow3} beside {@code ATELIER_PYTHON}'s venv or {@code ATELIER_HOME}'s parent.
   */
  static String python() {
    String explicit = System.getenv("ATELIER_PYTHON_AIRFLOW3");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    List<Path> candidates = new ArrayList<>();
    String python = System.getenv("ATELIER_PYTHON");
    if (python != null && !python.isBlank()) {
      candidates.add(
          Path.of(python).toAbsolutePath().getParent().getParent().resolveSibling("venv-airflow3"));
    }
    String home = System.getenv("ATELIER_HOME");
    if (home != null) {
      candidates.add(Path.of(home).toAbsolutePath().getParent().resolve("venv-airflow3"));
    }
    for (Path venv : candidates) {
      Path bin = venv.resolve("bin/python");
      if (Files.isExecutable(bin)) {
        return bin.toString();
      }
    }
    throw new IllegalStateException(
        "ATELIER_PYTHON_AIRFLOW3 is not set and no venv-airflow3 was found beside "
            + candidates
            + ": run the suite with ./atelier test, which installs apache-airflow-client 3.x into"
            + " .atelier/venv-airflow3");
  }
}
