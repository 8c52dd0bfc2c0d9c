package dev.atelier.ui.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.service.RunReconciler;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A run row that disagrees with Temporal is mended: the workflow ended but could not write its end
 * (PostgreSQL away longer than bookkeeping's hour of retries, or the workflow terminated by hand),
 * so the row still says {@code running}. {@link RunReconciler} sets it as Temporal ended it.
 *
 * <pre>
 *   test_pool_holder: hold (waits for a file)
 *     terminated by hand            ──▶ row running ──reconcile──▶ failed, hold failed, note why
 *     completed, end write "lost"   ──▶ row running ──reconcile──▶ success, hold success
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class RunReconcilerTest {
  @Inject DataSource dataSource;
  @Inject WorkflowClient temporal;
  @Inject RunReconciler reconciler;

  @Test
  void aTerminatedRunsRowSaysRunning_untilReconciled_thenFailedWithWhy() throws Exception {
    Db db = new Db(dataSource);
    Path release = Files.createTempFile("atelier-reconcile", ".flag");
    Files.delete(release);
    String runId = trigger(release);
    Eventually.await(
        "hold runs", Duration.ofSeconds(30), () -> taskState(db, runId), "running"::equals);

    temporal
        .newUntypedWorkflowStub(
            AtelierWorkflows.workflowId(PoolHolderDag.DAG_ID, runId),
            Optional.empty(),
            Optional.empty())
        .terminate("test: the workflow ends without writing its end");
    assertEquals("running", runState(db, runId), "nothing wrote the end");

    List<RunReconciler.Mended> mended = reconciler.reconcile(Duration.ZERO);

    assertTrue(mended.stream().anyMatch(m -> m.runId().equals(runId)), mended.toString());
    assertEquals("failed", runState(db, runId));
    assertEquals("failed", taskState(db, runId));
    String note = db.string("select note from dag_run where run_id = ?", runId);
    assertTrue(note.contains("ended terminated"), note);
    // Nothing else: a second pass finds nothing of this run to mend.
    assertTrue(
        reconciler.reconcile(Duration.ZERO).stream().noneMatch(m -> m.runId().equals(runId)));
    Files.writeString(release, "go");
  }

  @Test
  void aCompletedRunWhoseEndWasNotWritten_isSetFromItsResult() throws Exception {
    Db db = new Db(dataSource);
    Path release = Files.createTempFile("atelier-reconcile", ".flag");
    String runId = trigger(release);
    Eventually.await(
        "the run ends", Duration.ofSeconds(30), () -> runState(db, runId), "success"::equals);
    // As if PostgreSQL had been away when the workflow wrote its end.
    db.update("update dag_run set state = 'running', end_date = null where run_id = ?", runId);
    db.update("update task_instance set state = 'running' where run_id = ?", runId);

    // A run closed less than the settle time ago is left to its own last write.
    assertTrue(
        reconciler.reconcile(Duration.ofHours(1)).stream().noneMatch(m -> m.runId().equals(runId)));
    assertEquals("running", runState(db, runId));

    reconciler.reconcile(Duration.ZERO);

    assertEquals("success", runState(db, runId));
    assertEquals("success", taskState(db, runId));
    Files.deleteIfExists(release);
  }

  private static String trigger(Path release) {
    String runId = "test_reconcile_" + UUID.randomUUID();
    Db.api()
        .body(Map.of("dag_run_id", runId, "conf", Map.of("release", release.toString())))
        .post("/api/v1/dags/" + PoolHolderDag.DAG_ID + "/dagRuns")
        .then()
        .statusCode(200);
    return runId;
  }

  private static String runState(Db db, String runId) {
    return db.string("select state from dag_run where run_id = ?", runId);
  }

  private static String taskState(Db db, String runId) {
    return db.string(
        "select state from task_instance where run_id = ? and task_id = 'hold'", runId);
  }
}
