package dev.atelier.ui.schedule;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Airflow's {@code GET /api/v1/pools[/{pool_name}]} over the pools' workflows: a task holding 3
 * slots of {@code default_pool} shows as occupied (and running) slots until it ends.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class PoolsApiTest {
  @Inject DataSource dataSource;

  private static JsonPath defaultPool() {
    return Db.api().get("/api/v1/pools/default_pool").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void aTaskHoldingSlots_showsInThePool_untilItEnds() throws Exception {
    Db.api()
        .get("/api/v1/pools")
        .then()
        .statusCode(200)
        .body("pools.name", hasItem("default_pool"));
    int before = defaultPool().getInt("occupied_slots");
    Path release = Files.createTempFile("atelier-pool-release", ".flag");
    Files.delete(release);
    String runId = "test_pool_" + UUID.randomUUID();
    Db db = new Db(dataSource);
    try {
      Db.api()
          .body(Map.of("dag_run_id", runId, "conf", Map.of("release", release.toString())))
          .post("/api/v1/dags/" + PoolHolderDag.DAG_ID + "/dagRuns")
          .then()
          .statusCode(200);

      JsonPath held =
          Eventually.await(
              "hold's 3 slots show as occupied",
              Duration.ofSeconds(30),
              PoolsApiTest::defaultPool,
              p -> p.getInt("occupied_slots") == before + PoolHolderDag.SLOTS);
      assertEquals(held.getInt("occupied_slots"), held.getInt("running_slots"));
      assertEquals(held.getInt("slots") - held.getInt("occupied_slots"), held.getInt("open_slots"));
      assertEquals(0, held.getInt("scheduled_slots"));
    } finally {
      Files.writeString(release, "go");
    }
    Eventually.await(
        "the run ends and gives its slots back",
        Duration.ofSeconds(30),
        () ->
            db.string("select state from dag_run where run_id = ?", runId)
                + "/"
                + defaultPool().getInt("occupied_slots"),
        ("success/" + before)::equals);
    Files.deleteIfExists(release);
  }

  /** The cap on trials at once is a pool too, sized by atelier.trials.max-concurrent (8). */
  @Test
  void theTrialCap_isTheBuiltInPoolAtelierTrials() {
    Db.api()
        .get("/api/v1/pools/atelier_trials")
        .then()
        .statusCode(200)
        .body("name", equalTo("atelier_trials"))
        .body("slots", equalTo(8));
  }

  @Test
  void anUnknownPool_is404NamingItAndWherePoolsComeFrom() {
    Db.api()
        .get("/api/v1/pools/no_such_pool")
        .then()
        .statusCode(404)
        .body(
            "detail",
            equalTo(
                "Pool with name:'no_such_pool' not found (pools come from ATELIER_POOLS, e.g."
                    + " gpu=2,default_pool=128, and POST /api/v1/pools)"));
  }
}
