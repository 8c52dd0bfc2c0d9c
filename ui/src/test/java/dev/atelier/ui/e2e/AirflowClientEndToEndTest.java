package dev.atelier.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.VenvPython;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Airflow's own Python client ({@code apache-airflow-client} 2.x, in the venv of {@code ./atelier})
 * drives a real sweep through this app's {@code /api/v1}: pause, trigger with conf (held while
 * paused), unpause, poll to success, read task instances (mapped ones by map index), clear as a dry
 * run, mark states, post and read dataset events, the 400 and 404 paths, and delete a run whose
 * trials are training. The script is {@code src/test/python/airflow_client_e2e.py}; each step
 * prints a line. Afterwards this side checks what the client cannot see: the deleted run's workflow
 * and trial were cancelled on Temporal, and its rows are gone.
 *
 * <pre>
 *   prepare_dataset ──> train[0] (latent 8)  ──> pick_best
 *                  └──> train[1] (latent 16) ──┘
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class AirflowClientEndToEndTest {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final Path SCRIPT = Path.of("src/test/python/airflow_client_e2e.py");

  @TestHTTPResource("/api/v1")
  URL api;

  @Inject DataSource dataSource;
  @Inject WorkflowClient temporal;

  @TempDir Path images;

  @Test
  void airflowPythonClient_drivesASweepEndToEnd() throws Exception {
    SyntheticImages.write(images, 16);
    List<String> output = new ArrayList<>();
    Process process =
        new ProcessBuilder(
                VenvPython.python(),
                SCRIPT.toString(),
                "--api",
                api.toString(),
                "--dataset",
                images.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println("airflow-client | " + line);
        output.add(line);
      }
    }
    assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the client script did not exit");
    String all = String.join("\n", output);
    assertEquals(0, process.exitValue(), "the Airflow client script failed:\n" + all);
    assertTrue(all.contains("steps passed"), all);

    String deleted =
        output.stream()
            .filter(l -> l.startsWith("deleted run: "))
            .map(l -> l.substring("deleted run: ".length()))
            .findFirst()
            .orElseThrow();
    String workflowId = AtelierWorkflows.workflowId(DAG, deleted);
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED,
        status(workflowId),
        "DELETE cancels the run's workflow");
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED,
        status(workflowId + ":train:0"),
        "and, through it, the trial's workflow (which stops the trainer)");
    assertEquals(0, rows("select count(*) from dag_run where run_id = ?", deleted));
    assertEquals(0, rows("select count(*) from task_instance where run_id = ?", deleted));
  }

  /** Whatever the script did, the shared Dag is left unpaused for the other tests. */
  @AfterEach
  void unpause() throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("update dag set is_paused = false where dag_id = ?")) {
      ps.setString(1, DAG);
      ps.executeUpdate();
    }
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return temporal
        .newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .describe()
        .getStatus();
  }

  private long rows(String sql, String runId) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
