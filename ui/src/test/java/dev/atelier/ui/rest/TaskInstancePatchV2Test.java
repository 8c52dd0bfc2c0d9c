package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@code PATCH /api/v2/.../taskInstances/{task_id}/{map_index}} does: on a finished run a lead
 * marks one instance (its neighbours and the run's own state stay) and sets its note, each change
 * audited; on a running run the state is refused with 409 and nothing changes; a member gets 403.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskInstancePatchV2Test {
  private static final String RUNS = "/api/v2/dags/" + RunFixtures.DAG + "/dagRuns/";

  @Inject DataSource dataSource;
  private RoleUsers users;
  private RunFixtures fixtures;

  @BeforeAll
  void users() {
    users = new RoleUsers(dataSource, "tipatch");
    fixtures = new RunFixtures(dataSource);
  }

  @AfterAll
  void removeUsers() {
    users.close();
  }

  @Test
  void aLeadMarksOneInstanceOfAFinishedRun_andSetsItsNote_eachAudited() {
    String runId = fixtures.run("failed", "success", "failed", "success", "upstream_failed");
    String trial = RUNS + runId + "/taskInstances/train/0";

    users
        .as("member")
        .body(Map.of("new_state", "success"))
        .patch(trial)
        .then()
        .statusCode(403)
        .body("detail", containsString("this needs role lead"));
    users
        .as("lead")
        .body(Map.of("new_state", "success", "note", "re-checked the grid by hand"))
        .patch(trial)
        .then()
        .statusCode(200)
        .body("total_entries", equalTo(1))
        .body("task_instances[0].state", equalTo("success"))
        .body("task_instances[0].note", equalTo("re-checked the grid by hand"));

    Api.asAdmin().get(trial).then().statusCode(200).body("state", equalTo("success"));
    Api.asAdmin()
        .get(RUNS + runId + "/taskInstances/train/1")
        .then()
        .body("state", equalTo("success"));
    Api.asAdmin()
        .get(RUNS + runId + "/taskInstances/pick_best")
        .then()
        .body("state", equalTo("upstream_failed"));
    Api.asAdmin().get(RUNS + runId).then().body("state", equalTo("failed"));
    String target = "dag/" + RunFixtures.DAG + "/run/" + runId + "/train/0";
    assertEquals(
        "set-task-note,set-task-state",
        fixtures.string(
            "select string_agg(action, ',' order by action) from audit_log where target = ?",
            target));
    assertEquals(
        "{\"to\": \"success\", \"from\": \"failed\"}",
        fixtures.string(
            "select detail::text from audit_log where target = ? and action = 'set-task-state'",
            target));
  }

  @Test
  void markingAnInstanceOfARunningRun_is409_andChangesNothing() {
    String runId = fixtures.run("running", "success", "running", "running", "scheduled");
    String trial = RUNS + runId + "/taskInstances/train/0";
    users
        .as("lead")
        .body(Map.of("new_state", "failed"))
        .patch(trial)
        .then()
        .statusCode(409)
        .body("detail", containsString("run '" + runId + "' is running"));
    Api.asAdmin().get(trial).then().statusCode(200).body("state", equalTo("running"));
  }
}
