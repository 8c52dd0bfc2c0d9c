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
import org.junit.jupiter.api.io.TempDir;

/**
 * A review answered through Airflow 3's human-in-the-loop API by Airflow's own Python client 3.x
 * ({@code apache-airflow-client} 3.3.2 in {@code .atelier/venv-airflow3}): a tiny sweep runs to its
 * ReviewOperator, the script waits for the review's {@code hitlDetails}, is refused a bad option
 * (422), approves with {@code update_hitl_detail}, and sees the run succeed, the review approved in
 * Atelier's own review API and a second answer refused (409). The script is {@code
 * src/test/python/airflow3_hitl_e2e.py}.
 *
 * <pre>
 *   prepare_dataset ──> train[0] (latent 8)  ──> pick_best ──> review  (answered via hitlDetails)
 *                  └──> train[1] (latent 16) ──┘
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class Airflow3HitlEndToEndTest {
  private static final Path SCRIPT = Path.of("src/test/python/airflow3_hitl_e2e.py");

  @TestHTTPResource("/")
  URL base;

  @TempDir Path images;

  @Test
  void airflow3PythonClient_approvesAReviewThroughHitlDetails() throws Exception {
    SyntheticImages.write(images, 16);
    List<String> output = new ArrayList<>();
    String root = base.toString().replaceAll("/$", "");
    Process process =
        new ProcessBuilder(
                Airflow3ClientEndToEndTest.python(),
                SCRIPT.toString(),
                "--base",
                root,
                "--dataset",
                images.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println("airflow3-hitl | " + line);
        output.add(line);
      }
    }
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the client script did not exit");
    String all = String.join("\n", output);
    assertEquals(0, process.exitValue(), "the Airflow 3 HITL script failed:\n" + all);
    assertTrue(all.contains("hitl e2e: 10 steps passed"), all);
  }
}
