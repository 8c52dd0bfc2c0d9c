package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.schedule.Eventually;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A task instance's tries through {@code /api/v2}: a retried task lists both tries; clearing the
 * run (a lead may, a member may not) runs it again, numbering the new tries after the old ones, and
 * the tries list then holds all four, each readable by number.
 *
 * <pre>
 *   run:   flaky try 1 fails ─▶ try 2 succeeds
 *   clear: flaky try 3 fails ─▶ try 4 succeeds      tries = [1, 2, 3, 4]
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskInstanceTriesV2Test {
  private static final String RUNS = "/api/v2/dags/" + TriesDag.DAG_ID + "/dagRuns";

  @Inject DataSource dataSource;
  private RoleUsers users;

  @BeforeAll
  void users() {
    users = new RoleUsers(dataSource, "tries");
  }

  @AfterAll
  void removeUsers() {
    users.close();
  }

  @Test
  void aRetriedAndClearedTask_listsEveryTry_numberedAcrossRuns() throws Exception {
    String runId = "tries_" + UUID.randomUUID().toString().substring(0, 8);
    Api.asAdmin().body(Map.of("dag_run_id", runId)).post(RUNS).then().statusCode(200);
    awaitSuccess(runId);

    JsonPath first = tries(runId);
    assertEquals(List.of(1, 2), first.getList("task_instances.try_number"));
    assertNotEquals("success", first.getString("task_instances[0].state"), "try 1 failed");
    assertEquals("success", first.getString("task_instances[1].state"));

    String clear = RUNS + "/" + runId + "/clear";
    users
        .as("member")
        .body(Map.of("dry_run", false, "only_failed", false))
        .post(clear)
        .then()
        .statusCode(403)
        .body("detail", containsString("this needs role lead"));
    assertEquals(List.of(1, 2), tries(runId).getList("task_instances.try_number"), "unchanged");
    users
        .as("lead")
        .body(Map.of("dry_run", false, "only_failed", false))
        .post(clear)
        .then()
        .statusCode(200);
    awaitSuccess(runId);

    JsonPath all = tries(runId);
    assertEquals(List.of(1, 2, 3, 4), all.getList("task_instances.try_number"));
    assertEquals(4, all.getInt("total_entries"));
    assertNotEquals("success", all.getString("task_instances[2].state"), "try 3 failed");
    assertEquals("success", all.getString("task_instances[3].state"));
    String instance = RUNS + "/" + runId + "/taskInstances/flaky";
    Api.asAdmin().get(instance).then().statusCode(200).body("try_number", equalTo(4));
    Api.asAdmin()
        .get(instance + "/tries/2")
        .then()
        .statusCode(200)
        .body("try_number", equalTo(2))
        .body("state", equalTo("success"));
    Api.asAdmin()
        .get(instance + "/tries/9")
        .then()
        .statusCode(404)
        .body("detail", containsString("its tries are [1, 2, 3, 4]"));
  }

  private static JsonPath tries(String runId) {
    return Api.asAdmin()
        .get(RUNS + "/" + runId + "/taskInstances/flaky/tries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void awaitSuccess(String runId) throws InterruptedException {
    Eventually.await(
        "run " + runId + " succeeds",
        Duration.ofSeconds(60),
        () -> Api.asAdmin().get(RUNS + "/" + runId).then().extract().jsonPath().getString("state"),
        "success"::equals);
  }
}
