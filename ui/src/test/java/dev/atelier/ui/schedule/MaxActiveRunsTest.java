package dev.atelier.ui.schedule;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.ui.RequiredServices;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code max_active_runs=1}: while one run of the Dag runs, a second trigger is accepted but waits,
 * queued and without a workflow; when the first finishes, the second starts on its own.
 *
 * <pre>
 *   first  ████████████ running ─┤ done
 *   second    queued, waiting ....└─▶ started ─▶ success
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class MaxActiveRunsTest {
  private static final String DAG = OneRunAtATimeDag.DAG_ID;

  @Inject DataSource dataSource;
  @Inject WorkflowClient temporal;

  @Test
  void secondTrigger_waitsForTheFirstRunToFinish_thenStartsByItself() throws Exception {
    Db db = new Db(dataSource);
    String first = "test_first_" + UUID.randomUUID();
    String second = "test_second_" + UUID.randomUUID();
    // The first run "runs": its row says so and its workflow is open (parked on a queue no worker
    // polls, so it stays running until the test ends it).
    db.update(
        "insert into dag_run (dag_id, run_id, state, logical_date, start_date, workflow_id)"
            + " values (?, ?, 'running', now() - interval '1 hour', now(), ?)",
        DAG,
        first,
        AtelierWorkflows.workflowId(DAG, first));
    WorkflowStub parked =
        temporal.newUntypedWorkflowStub(
            "DagRunWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(AtelierWorkflows.workflowId(DAG, first))
                .setTaskQueue("ui-test-nobody-polls")
                .build());
    parked.start(new Object[] {null});
    try {
      Db.api()
          .body(Map.of("dag_run_id", second))
          .post("/api/v1/dags/" + DAG + "/dagRuns")
          .then()
          .statusCode(200)
          .body("state", equalTo("queued"));
      assertEquals(
          "true",
          db.string("select awaiting_start::text from dag_run where run_id = ?", second),
          "the second run waits for a slot");
      assertThrows(
          WorkflowNotFoundException.class,
          () -> stub(second).describe(),
          "no workflow runs the second run while the first holds the only slot");

      // The first run ends; the scheduler loop gives its slot to the second.
      parked.terminate("test: the first run is over");
      db.update("update dag_run set state = 'success', end_date = now() where run_id = ?", first);
      Eventually.await(
          "the waiting run starts and succeeds",
          Duration.ofSeconds(30),
          () -> db.string("select state from dag_run where run_id = ?", second),
          "success"::equals);
    } finally {
      db.update("delete from dag_run where run_id in (?, ?)", first, second);
    }
  }

  private WorkflowStub stub(String runId) {
    return temporal.newUntypedWorkflowStub(
        AtelierWorkflows.workflowId(DAG, runId), Optional.empty(), Optional.empty());
  }
}
