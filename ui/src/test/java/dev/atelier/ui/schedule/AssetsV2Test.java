package dev.atelier.ui.schedule;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Airflow 3's assets over {@code /api/v2} as a client meets them ({@link AssetDags}): assets listed
 * and read with their names, producers and consumers; an event created by {@code asset_id} starts
 * the Dag scheduled on the asset; an event that completes nothing stays queued until dropped;
 * materialize runs the {@code @asset} Dag, whose outlet event starts the consumer. Bad input is a
 * 422 naming field, value and rule; unknown ids are 404s.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class AssetsV2Test {

  private static long assetId(String uri) {
    // The dataset row exists once the Dags are registered (Airflow creates a Dag's assets too).
    return Db.api()
        .queryParam("uri_pattern", uri)
        .get("/api/v2/assets")
        .then()
        .statusCode(200)
        .body("total_entries", equalTo(1))
        .extract()
        .jsonPath()
        .getLong("assets[0].id");
  }

  private static JsonPath event(long assetId, Map<String, Object> extra) {
    return Db.api()
        .body(Map.of("asset_id", assetId, "extra", extra))
        .post("/api/v2/assets/events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void assets_areListedWithTheirNamesProducersAndConsumers() {
    long made = assetId(AssetDags.MADE.uri());
    Db.api()
        .get("/api/v2/assets/" + made)
        .then()
        .statusCode(200)
        .body("name", equalTo("test_asset_made"))
        .body("uri", equalTo(AssetDags.MADE.uri()))
        .body("group", equalTo("asset"))
        .body("scheduled_dags.dag_id", equalTo(List.of(AssetDags.CONSUMER)))
        .body("producing_tasks[0].dag_id", equalTo(AssetDags.PRODUCER))
        .body("producing_tasks[0].task_id", equalTo(AssetDags.PRODUCER))
        .body("consuming_tasks", hasSize(0))
        .body("aliases", hasSize(0));
    Db.api()
        .queryParam("name_pattern", "TEST_ASSET_")
        .queryParam("order_by", "-name")
        .get("/api/v2/assets")
        .then()
        .statusCode(200)
        .body("assets.name", hasItem("test_asset_left"))
        .body("assets.name", not(hasItem(AssetDags.MADE.uri())));
    Db.api()
        .queryParam("dag_ids", AssetDags.WAITER)
        .get("/api/v2/assets")
        .then()
        .statusCode(200)
        .body("assets.name", equalTo(List.of("test_asset_left", "test_asset_right")));
    // A dataset only v1 has heard of is no Dag's: inactive, listed with only_active=false.
    String stray = "test://stray/" + System.nanoTime();
    Db.api()
        .body(Map.of("dataset_uri", stray))
        .post("/api/v1/datasets/events")
        .then()
        .statusCode(200);
    Db.api()
        .queryParam("uri_pattern", stray)
        .get("/api/v2/assets")
        .then()
        .body("total_entries", equalTo(0));
    Db.api()
        .queryParam("uri_pattern", stray)
        .queryParam("only_active", "false")
        .get("/api/v2/assets")
        .then()
        .body("assets[0].name", equalTo(stray))
        .body("assets[0].last_asset_event.id", not(equalTo(null)));
  }

  @Test
  void badInput_is422NamingFieldValueAndRule_unknownIdsAre404() {
    Db.api()
        .get("/api/v2/assets?limit=abc&only_active=maybe&order_by=nope")
        .then()
        .statusCode(422)
        .body("detail", hasSize(3))
        .body("detail[0].loc", equalTo(List.of("query", "limit")))
        .body("detail[1].msg", containsString("only_active: 'maybe'"))
        .body("detail[2].msg", containsString("order_by: 'nope' is not an attribute"));
    Db.api()
        .get("/api/v2/assets/abc")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("path", "asset_id")))
        .body("detail[0].msg", equalTo("asset_id: 'abc' is not a valid integer"));
    Db.api()
        .get("/api/v2/assets/987654321")
        .then()
        .statusCode(404)
        .body("detail", equalTo("The Asset with ID: `987654321` was not found"));
    Db.api()
        .body(Map.of("asset_id", "one", "extra", List.of(1), "partition_key", "p"))
        .post("/api/v2/assets/events")
        .then()
        .statusCode(422)
        .body("detail.loc", hasItem(List.of("body", "asset_id")))
        .body("detail.loc", hasItem(List.of("body", "extra")))
        .body(
            "detail.msg",
            hasItem("partition_key: 'p' cannot be set: Atelier's assets are not partitioned"));
    Db.api()
        .body(Map.of("extra", Map.of()))
        .post("/api/v2/assets/events")
        .then()
        .statusCode(422)
        .body("detail[0].msg", equalTo("asset_id: missing; the field is required"));
    Db.api()
        .body(Map.of("asset_id", 987654321))
        .post("/api/v2/assets/events")
        .then()
        .statusCode(404)
        .body("detail", equalTo("Asset with ID: `987654321` was not found"));
    Db.api()
        .get("/api/v2/assets/aliases/987654321")
        .then()
        .statusCode(404)
        .body("detail", equalTo("The Asset Alias with ID: `987654321` was not found"));
    Db.api().get("/api/v2/dags/no_such_dag/assets/queuedEvents").then().statusCode(404);
    long left = assetId(AssetDags.LEFT.uri());
    Db.api()
        .body(Map.of())
        .post("/api/v2/assets/" + left + "/materialize")
        .then()
        .statusCode(404)
        .body("detail", equalTo("No DAG materializes asset with ID: " + left));
  }

  @Test
  void anEventByAssetId_startsTheAssetScheduledDag_withItsUpstreamEvents() {
    long made = assetId(AssetDags.MADE.uri());
    JsonPath ev = event(made, Map.of("by", "AssetsV2Test"));
    assertEquals("test_asset_made", ev.getString("name"));
    assertEquals(true, ev.getBoolean("extra.from_rest_api"));
    List<String> runs = ev.getList("created_dagruns.run_id");
    assertEquals(1, runs.size(), ev.prettify());
    assertEquals(AssetDags.CONSUMER, ev.getString("created_dagruns[0].dag_id"));
    Db.api()
        .get("/api/v2/dags/" + AssetDags.CONSUMER + "/dagRuns/" + runs.get(0))
        .then()
        .statusCode(200)
        .body("run_type", equalTo("asset_triggered"));
    Db.api()
        .get(
            "/api/v2/dags/"
                + AssetDags.CONSUMER
                + "/dagRuns/"
                + runs.get(0)
                + "/upstreamAssetEvents")
        .then()
        .statusCode(200)
        .body("asset_events[0].id", equalTo(ev.getInt("id")))
        .body("asset_events[0].name", equalTo("test_asset_made"));
    // v1 sees the same event by URI.
    Db.api()
        .queryParam("dataset_id", made)
        .get("/api/v1/datasets/events")
        .then()
        .statusCode(200)
        .body("dataset_events.id", hasItem(ev.getInt("id")));
    Db.api()
        .queryParam("asset_id", made)
        .queryParam("name_prefix_pattern", "test_asset_m")
        .queryParam("order_by", "-timestamp")
        .get("/api/v2/assets/events")
        .then()
        .statusCode(200)
        .body("asset_events[0].id", equalTo(ev.getInt("id")));
  }

  @Test
  void anEventThatCompletesNothing_staysQueued_untilDropped() {
    long left = assetId(AssetDags.LEFT.uri());
    JsonPath ev = event(left, Map.of());
    assertEquals(List.of(), ev.getList("created_dagruns"), "left alone is not enough");
    String dagQueue = "/api/v2/dags/" + AssetDags.WAITER + "/assets/";
    Db.api()
        .get(dagQueue + "queuedEvents")
        .then()
        .statusCode(200)
        .body("queued_events.asset_id", equalTo(List.of((int) left)))
        .body("queued_events[0].dag_id", equalTo(AssetDags.WAITER));
    Db.api()
        .get("/api/v2/assets/" + left + "/queuedEvents")
        .then()
        .statusCode(200)
        .body("queued_events.dag_id", equalTo(List.of(AssetDags.WAITER)));
    Db.api()
        .get(dagQueue + left + "/queuedEvents?before=2000-01-01T00:00:00Z")
        .then()
        .statusCode(404);
    Db.api()
        .get(dagQueue + left + "/queuedEvents?before=yesterday")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("query", "before")));
    Db.api().delete(dagQueue + left + "/queuedEvents").then().statusCode(204);
    Db.api()
        .get(dagQueue + left + "/queuedEvents")
        .then()
        .statusCode(404)
        .body(
            "detail",
            equalTo(
                "Queued event with dag_id: `"
                    + AssetDags.WAITER
                    + "` and asset_id: `"
                    + left
                    + "` was not found"));
    // Dropped, not lost: the right asset alone now completes nothing either.
    long right = assetId(AssetDags.RIGHT.uri());
    assertEquals(List.of(), event(right, Map.of()).getList("created_dagruns"));
    Db.api().delete("/api/v2/assets/" + right + "/queuedEvents").then().statusCode(204);
    Db.api().delete("/api/v2/assets/" + right + "/queuedEvents").then().statusCode(404);
  }

  @Test
  void materialize_runsTheAssetDag_whoseOutletStartsTheConsumer() throws Exception {
    long made = assetId(AssetDags.MADE.uri());
    JsonPath run =
        Db.api()
            .body(Map.of("note", "materialized by AssetsV2Test"))
            .post("/api/v2/assets/" + made + "/materialize")
            .then()
            .statusCode(200)
            .body("dag_id", equalTo(AssetDags.PRODUCER))
            .body("run_type", equalTo("asset_materialization"))
            .body("note", equalTo("materialized by AssetsV2Test"))
            .extract()
            .jsonPath();
    String runId = run.getString("dag_run_id");
    String state = "";
    for (int i = 0; i < 120 && !"success".equals(state) && !"failed".equals(state); i++) {
      Thread.sleep(500);
      state =
          Db.api()
              .get("/api/v2/dags/" + AssetDags.PRODUCER + "/dagRuns/" + runId)
              .then()
              .extract()
              .path("state");
    }
    assertEquals("success", state);
    JsonPath events =
        Db.api()
            .queryParam("source_dag_id", AssetDags.PRODUCER)
            .queryParam("source_run_id", runId)
            .get("/api/v2/assets/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(1, events.getInt("total_entries"), events.prettify());
    assertEquals(7, events.getInt("asset_events[0].extra.rows"));
    assertEquals(AssetDags.PRODUCER, events.getString("asset_events[0].source_task_id"));
    // v1 shows Airflow 2's words for the run type it does not know.
    Db.api()
        .get("/api/v1/dags/" + AssetDags.PRODUCER + "/dagRuns/" + runId)
        .then()
        .body("run_type", equalTo("manual"));
    // The outlet's event starts the consumer (evaluated by the scheduler loop).
    boolean started = false;
    for (int i = 0; i < 60 && !started; i++) {
      List<Object> created = events.getList("asset_events[0].created_dagruns");
      started = !created.isEmpty();
      if (!started) {
        Thread.sleep(500);
        events =
            Db.api()
                .queryParam("source_run_id", runId)
                .get("/api/v2/assets/events")
                .then()
                .extract()
                .jsonPath();
      }
    }
    assertTrue(started, events.prettify());
    assertEquals(AssetDags.CONSUMER, events.getString("asset_events[0].created_dagruns[0].dag_id"));
  }
}
