package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trial whose Kubernetes Job waits for Kueue is {@code queued}, with Kueue's reason as its note,
 * wherever people look: Airflow's task instance API and the run grid the Dags page opens. The rows
 * are written as a run's waiting trial leaves them (the workflow's {@code running}, then the wait's
 * {@code queued} with the reason), so no cluster is needed.
 *
 * <pre>
 *   prepare_dataset ──> train[0] (queued: no GPU quota) ──> pick_best
 *                  └──> train[1] (running)             ──┘
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class QueuedTaskInstanceTest {
  private static final String RUNS = "/api/v1/dags/" + RunFixtures.DAG + "/dagRuns/";
  private static final String NO_QUOTA =
      "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in"
          + " flavor gpu, 1 more needed";

  @Inject DataSource dataSource;

  private RunFixtures fixtures;
  private String run;

  @BeforeEach
  void aRunWithAQueuedTrial() {
    fixtures = new RunFixtures(dataSource);
    run = fixtures.run("running", "success", "running", "running", null);
    fixtures.sql(
        "update task_instance set state = 'queued', note = ?"
            + " where dag_id = ? and run_id = ? and task_id = 'train' and map_index = 0",
        NO_QUOTA,
        RunFixtures.DAG,
        run);
    fixtures.sql(
        "update task_instance set note = null"
            + " where dag_id = ? and run_id = ? and task_id = 'train' and map_index = 1",
        RunFixtures.DAG,
        run);
  }

  @AfterEach
  void removeRun() {
    fixtures.sql("delete from dag_run where run_id = ?", run);
  }

  @Test
  void airflowApi_aTrialWaitingForKueue_isQueuedWithKueuesReasonAsItsNote() {
    Api.asAdmin()
        .get(RUNS + run + "/taskInstances/train/0")
        .then()
        .statusCode(200)
        .body("state", equalTo("queued"))
        .body("note", equalTo(NO_QUOTA))
        .body("try_number", equalTo(1))
        .body("end_date", nullValue());
    Api.asAdmin()
        .get(RUNS + run + "/taskInstances?state=queued")
        .then()
        .statusCode(200)
        .body("total_entries", equalTo(1))
        .body("task_instances.map_index", contains(0))
        .body("task_instances.note", contains(NO_QUOTA));
    Api.asAdmin()
        .get(RUNS + run + "/taskInstances/train/1")
        .then()
        .body("state", equalTo("running"))
        .body("note", nullValue());
  }

  @Test
  void runGrid_aTrialWaitingForKueue_showsQueuedWithTheReason() {
    Api.asAdmin()
        .get("/api/atelier/dags/" + RunFixtures.DAG + "/runs/" + run + "/grid")
        .then()
        .statusCode(200)
        .body("tasks.find { it.task_id == 'train' }.instances.state", contains("queued", "running"))
        .body("tasks.find { it.task_id == 'train' }.instances[0].note", equalTo(NO_QUOTA))
        .body("tasks.find { it.task_id == 'train' }.instances[1].note", nullValue());
  }
}
