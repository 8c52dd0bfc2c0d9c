package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import dev.atelier.workflows.temporal.SweepInput;
import dev.atelier.workflows.temporal.SweepWorkflow;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A lead's controls over a sweep through the API: who may use them (403 for a member; a lead and an
 * admin pass), bad input (400 naming field, value and rule), a sweep that is not running (409),
 * and, against a running {@link FakeSweepWorkflow} on Temporal, what each control changes, through
 * the API and through the sweep page's buttons.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepControlsTest {
  private static final String DAG = RunFixtures.DAG;
  private static final String PASSWORD = "sweep-controls-test";

  @Inject DataSource dataSource;
  @Inject WorkflowClient temporal;

  @TestHTTPResource("/")
  URL app;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String member = "member_" + suffix;
  private final String lead = "lead_" + suffix;
  private final String taskQueue = "sweep-controls-test-" + suffix;
  private RunFixtures db;
  private WorkerFactory workers;

  @BeforeAll
  void usersAndAWorker() {
    db = new RunFixtures(dataSource);
    String hash = BcryptUtil.bcryptHash(PASSWORD);
    db.sql(
        "insert into users (username, password_hash, role) values (?, ?, 'member')", member, hash);
    db.sql("insert into users (username, password_hash, role) values (?, ?, 'lead')", lead, hash);
    workers = WorkerFactory.newInstance(temporal);
    workers.newWorker(taskQueue).registerWorkflowImplementationTypes(FakeSweepWorkflow.class);
    workers.start();
  }

  @AfterAll
  void cleanUp() {
    workers.shutdownNow();
    db.sql("delete from users where username in (?, ?)", member, lead);
    db.sql("delete from dag_run where run_id like ?", "test_sweep_controls_" + suffix + "%");
  }

  @Test
  void controls_member_403NamingTheRoleNeeded() {
    String runId = endedRun();
    String expected =
        "user '"
            + member
            + "' has role member; this needs role lead (roles rank viewer < member < lead < admin)";

    as(member)
        .body("{\"max_parallel_trials\": 3}")
        .patch(sweep(runId))
        .then()
        .statusCode(403)
        .body("detail", equalTo(expected));
    as(member).body("{\"count\": 2}").post(sweep(runId) + "/trials").then().statusCode(403);
    as(member).post(sweep(runId) + "/stop").then().statusCode(403);
    as(member).get(sweep(runId)).then().statusCode(200).body("live", equalTo(false));
  }

  @Test
  void controls_badInput_400NamingFieldValueAndRule() {
    String runId = endedRun();

    as(lead)
        .body("{\"max_parallel_trials\": 0}")
        .patch(sweep(runId))
        .then()
        .statusCode(400)
        .body("detail", equalTo("max_parallel_trials: '0' must be at least 1"));
    as(lead)
        .body("{\"max_parallel_trials\": 33}")
        .patch(sweep(runId))
        .then()
        .statusCode(400)
        .body("detail", equalTo("max_parallel_trials: '33' must be at most 32"));
    as(lead)
        .body("{\"count\": 257}")
        .post(sweep(runId) + "/trials")
        .then()
        .statusCode(400)
        .body("detail", equalTo("count: '257' must be at most 256"));
    as(lead)
        .body("{}")
        .patch(sweep(runId))
        .then()
        .statusCode(400)
        .body(
            "detail",
            equalTo("max_parallel_trials: null is required: {\"max_parallel_trials\": 4}"));
    as(lead)
        .body("{\"count\": -2}")
        .post(sweep(runId) + "/trials")
        .then()
        .statusCode(400)
        .body("detail", equalTo("count: '-2' must be at least 1"));
    as(lead)
        .body("{\"count\": \"many\"}")
        .post(sweep(runId) + "/trials")
        .then()
        .statusCode(400)
        .body("detail", containsString("count: request body is not JSON of the expected shape"));
  }

  @Test
  void controls_sweepNotRunning_409() {
    String runId = endedRun();
    String expected =
        "sweep 'train' of DAGRun '"
            + runId
            + "' is not running (DAGRun state: success): only a running sweep can be changed or"
            + " stopped";

    as(lead)
        .body("{\"max_parallel_trials\": 3}")
        .patch(sweep(runId))
        .then()
        .statusCode(409)
        .body("detail", equalTo(expected));
    as(lead).post(sweep(runId) + "/stop").then().statusCode(409).body("detail", equalTo(expected));
    as(lead)
        .get("/api/atelier/dags/" + DAG + "/runs/nope_" + suffix + "/sweeps/train")
        .then()
        .statusCode(404);
  }

  @Test
  void controls_runningSweep_changeItsLimitsAndStopIt() throws Exception {
    String runId = "test_sweep_controls_" + suffix + "_live";
    String dagRunWorkflow = "dagrun:" + DAG + ":" + runId;
    db.sql(
        "insert into dag_run (dag_id, run_id, state, logical_date, start_date, workflow_id)"
            + " values (?, ?, 'running', now(), now(), ?)",
        DAG,
        runId,
        dagRunWorkflow);
    db.sql(
        "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number,"
            + " operator) values (?, ?, 'train', 0, 'running', 1, 'TrainOperator')",
        DAG,
        runId);
    SweepWorkflow fake =
        temporal.newWorkflowStub(
            SweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(dagRunWorkflow + ":train")
                .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                .build());
    WorkflowClient.start(fake::run, (SweepInput) null);

    as(lead)
        .get(sweep(runId))
        .then()
        .statusCode(200)
        .body("live", equalTo(true))
        .body("controllable", equalTo(true))
        .body("max_parallel_trials", equalTo(2))
        .body("trials[0].state", equalTo("running"))
        .body("best_so_far.size()", equalTo(2));
    as(lead)
        .body("{\"max_parallel_trials\": 3}")
        .patch(sweep(runId))
        .then()
        .statusCode(200)
        .body("max_parallel_trials", equalTo(3));
    as(lead).get(sweep(runId)).then().body("max_parallel_trials", equalTo(3));
    as(lead)
        .body("{\"max_parallel_trials\": 9}")
        .patch(sweep(runId))
        .then()
        .statusCode(409)
        .body(
            "detail",
            equalTo(
                "sweep 'train' of DAGRun '"
                    + runId
                    + "' refused: max_parallel_trials: 9 is more than the 8 GPUs of its pool"));
    as(lead)
        .body("{\"count\": 2}")
        .post(sweep(runId) + "/trials")
        .then()
        .statusCode(200)
        .body("max_trials", equalTo(6));
    // The budget it would reach is held to the most trials one sweep may have.
    as(lead)
        .body("{\"count\": 251}")
        .post(sweep(runId) + "/trials")
        .then()
        .statusCode(400)
        .body(
            "detail",
            equalTo(
                "count: 251 would raise max_trials of sweep 'train' of DAGRun '"
                    + runId
                    + "' from 6 to 257; a sweep has at most 256 trials"));
    as(lead).get(sweep(runId)).then().body("max_trials", equalTo(6));

    // An admin holds every lead's right.
    asAdmin()
        .body("{\"max_parallel_trials\": 4}")
        .patch(sweep(runId))
        .then()
        .statusCode(200)
        .body("max_parallel_trials", equalTo(4));

    // The same controls on the sweep page, as a lead uses them.
    try (Browser browser = new Browser()) {
      browser.driver.get(
          "http://"
              + lead
              + ":"
              + PASSWORD
              + "@"
              + app.getHost()
              + ":"
              + app.getPort()
              + "/ui/sweep.html?dag="
              + DAG
              + "&run="
              + runId
              + "&task=train");
      browser.waiting().until(d -> d.findElement(By.id("set-parallel")).isEnabled());
      WebElement parallel = browser.driver.findElement(By.id("parallel"));
      assertEquals("4", parallel.getAttribute("value"));
      parallel.clear();
      parallel.sendKeys("5");
      browser.driver.findElement(By.id("set-parallel")).click();
      awaitMessage(browser, "now at most 5 trials at once");
      browser.driver.findElement(By.id("add-trials")).click();
      awaitMessage(browser, "the sweep may now run 10 trials");
      browser.driver.findElement(By.id("stop-sweep")).click();
      browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
      awaitMessage(browser, "stopping: running trials are told to stop");
    }
    awaitEnded(runId);
    as(lead).post(sweep(runId) + "/stop").then().statusCode(409);
  }

  private static void awaitMessage(Browser browser, String text) {
    browser
        .waiting()
        .withMessage(() -> browser.driver.findElement(By.id("control-msg")).getText())
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("control-msg"), text));
  }

  /** Waits (at most 20 s) until the stopped sweep's workflow has ended and the page says so. */
  private void awaitEnded(String runId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Boolean.FALSE.equals(as(lead).get(sweep(runId)).then().extract().path("live"))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the stopped sweep still runs after 20 s");
      }
      Thread.sleep(250);
    }
  }

  /** A sweep run that ended: its row names a workflow that does not run on Temporal. */
  private String endedRun() {
    String runId = "test_sweep_controls_" + suffix + "_" + UUID.randomUUID();
    db.sql(
        "insert into dag_run (dag_id, run_id, state, logical_date, workflow_id)"
            + " values (?, ?, 'success', now(), ?)",
        DAG,
        runId,
        "dagrun:" + DAG + ":" + runId);
    db.sql(
        "insert into task_instance (dag_id, run_id, task_id, map_index, state, try_number,"
            + " operator) values (?, ?, 'train', 0, 'success', 1, 'TrainOperator')",
        DAG,
        runId);
    return runId;
  }

  private static String sweep(String runId) {
    return "/api/atelier/dags/" + DAG + "/runs/" + runId + "/sweeps/train";
  }

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON);
  }

  private static RequestSpecification asAdmin() {
    return Api.asAdmin();
  }
}
