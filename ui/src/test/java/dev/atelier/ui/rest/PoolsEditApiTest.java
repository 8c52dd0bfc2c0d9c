package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.service.Pools;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pools created, resized and deleted through both APIs (Airflow 3's {@code /api/v2/pools} and
 * Airflow 2's {@code /api/v1/pools}), stored beside the {@code ATELIER_POOLS} defaults and read by
 * the worker's slot requests at once; {@code default_pool} and {@code atelier_trials} stay; a taken
 * name is 409, bad input 422 (v2) or 400 (v1) naming field, value and rule; a member cannot.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolsEditApiTest {
  @Inject Pools pools;
  @Inject DataSource dataSource;
  private RoleUsers users;

  @BeforeAll
  void users() {
    users = new RoleUsers(dataSource, "pools");
  }

  @AfterAll
  void removeUsers() {
    users.close();
  }

  @Test
  void v2_createPatchDelete_areAppliedAtOnce() {
    String name = "test_gpu_" + UUID.randomUUID().toString().substring(0, 8);
    Api.asAdmin()
        .body(Map.of("name", name, "slots", 2, "description", "two GPUs"))
        .post("/api/v2/pools")
        .then()
        .statusCode(201)
        .body("name", equalTo(name))
        .body("slots", equalTo(2))
        .body("open_slots", equalTo(2))
        .body("description", equalTo("two GPUs"));
    assertEquals(2, pools.sizes().get(name), "the worker's slot requests see the new pool");
    Api.asAdmin()
        .body(Map.of("name", name, "slots", 3))
        .post("/api/v2/pools")
        .then()
        .statusCode(409)
        .body("detail", equalTo("The Pool name `" + name + "` already exists"));

    Api.asAdmin()
        .body(Map.of("slots", 5))
        .patch("/api/v2/pools/" + name)
        .then()
        .statusCode(200)
        .body("slots", equalTo(5))
        .body("description", equalTo("two GPUs"));
    Api.asAdmin()
        .body(Map.of("slots", 9, "description", "five GPUs"))
        .patch("/api/v2/pools/" + name + "?update_mask=description")
        .then()
        .statusCode(200)
        .body("slots", equalTo(5))
        .body("description", equalTo("five GPUs"));
    Api.asAdmin()
        .body(Map.of("slots", -1))
        .patch("/api/v2/pools/" + name)
        .then()
        .statusCode(200)
        .body("slots", equalTo(-1))
        .body("open_slots", equalTo(-1));
    assertEquals(Integer.MAX_VALUE, pools.sizes().get(name), "-1 is unlimited");
    Api.asAdmin()
        .body(Map.of("pool", "renamed"))
        .patch("/api/v2/pools/" + name)
        .then()
        .statusCode(400);
    Api.asAdmin()
        .queryParam("pool_name_pattern", "test_gpu_%")
        .get("/api/v2/pools")
        .then()
        .statusCode(200)
        .body("pools.name", hasItem(name));

    Api.asAdmin().delete("/api/v2/pools/" + name).then().statusCode(204);
    Api.asAdmin().get("/api/v2/pools/" + name).then().statusCode(404);
    Api.asAdmin()
        .delete("/api/v2/pools/" + name)
        .then()
        .statusCode(404)
        .body("detail", equalTo("The Pool with name: `" + name + "` was not found"));
    assertEquals(null, pools.sizes().get(name));
  }

  @Test
  void builtInPools_cannotBeDeleted_orTheTrialCapResized() {
    Api.asAdmin()
        .delete("/api/v2/pools/default_pool")
        .then()
        .statusCode(400)
        .body("detail", equalTo("Default Pool can't be deleted"));
    Api.asAdmin()
        .delete("/api/v1/pools/atelier_trials")
        .then()
        .statusCode(400)
        .body(
            "detail",
            equalTo(
                "pool 'atelier_trials' can't be deleted: it is the built-in cap on trials at once"
                    + " (atelier.trials.max-concurrent)"));
    Api.asAdmin()
        .body(Map.of("slots", 99))
        .patch("/api/v2/pools/atelier_trials")
        .then()
        .statusCode(400)
        .body(
            "detail",
            equalTo(
                "slots: pool 'atelier_trials' is the built-in cap on trials at once; size it with"
                    + " atelier.trials.max-concurrent, not through the API"));
    Api.asAdmin()
        .body(Map.of("description", "mine"))
        .patch("/api/v2/pools/default_pool")
        .then()
        .statusCode(400)
        .body(
            "detail", equalTo("Only slots and included_deferred can be modified on Default Pool"));
    Api.asAdmin().get("/api/v2/pools/default_pool").then().statusCode(200);
  }

  @Test
  void v2_badPools_are422NamingFieldValueAndRule() {
    Api.asAdmin()
        .body(Map.of("name", "test_bad", "slots", -2, "colour", "red"))
        .post("/api/v2/pools")
        .then()
        .statusCode(422)
        .body("detail", hasSize(2))
        .body("detail.msg", hasItem("slots: -2 must be greater than or equal to -1"))
        .body(
            "detail.msg",
            hasItem(
                "colour: \"red\" is not a field of this body; it takes [description,"
                    + " include_deferred, name, slots, team_name]"));
    Api.asAdmin()
        .body(Map.of("slots", "many"))
        .post("/api/v2/pools")
        .then()
        .statusCode(422)
        .body("detail.msg", hasItem("slots: 'many' is not a valid integer"))
        .body("detail.msg", hasItem("name: missing; the field is required"));
    Api.asAdmin().get("/api/v2/pools/test_bad").then().statusCode(404);
  }

  @Test
  void v1_createPatchDelete_asAirflow2() {
    String name = "test_cpu_" + UUID.randomUUID().toString().substring(0, 8);
    Api.asAdmin()
        .body(Map.of("name", name, "slots", 4))
        .post("/api/v1/pools")
        .then()
        .statusCode(200)
        .body("name", equalTo(name))
        .body("slots", equalTo(4))
        .body("open_slots", equalTo(4));
    Api.asAdmin()
        .body(Map.of("name", name, "slots", 4))
        .post("/api/v1/pools")
        .then()
        .statusCode(409);
    Api.asAdmin()
        .body(Map.of("slots", 6))
        .patch("/api/v1/pools/" + name + "?update_mask=slots")
        .then()
        .statusCode(200)
        .body("slots", equalTo(6));
    Api.asAdmin()
        .body(Map.of("name", name, "slots", "six"))
        .patch("/api/v1/pools/" + name)
        .then()
        .statusCode(400)
        .body("detail", equalTo("slots: 'six' is not a whole number"));
    Api.asAdmin()
        .body(Map.of("slots", 1))
        .post("/api/v1/pools")
        .then()
        .statusCode(400)
        .body("detail", equalTo("Missing required property: name (a Pool needs both)"));
    users.as("member").delete("/api/v1/pools/" + name).then().statusCode(403);
    users
        .as("member")
        .contentType("application/json")
        .body(Map.of("name", "test_member_pool", "slots", 1))
        .post("/api/v2/pools")
        .then()
        .statusCode(403);
    Api.asAdmin().delete("/api/v1/pools/" + name).then().statusCode(204);
    Api.asAdmin()
        .get("/api/v1/pools")
        .then()
        .body("pools.name", org.hamcrest.Matchers.not(hasItem(name)));
  }
}
