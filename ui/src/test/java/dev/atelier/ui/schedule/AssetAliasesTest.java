package dev.atelier.ui.schedule;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Airflow 3's asset aliases end to end ({@link AliasDags}): a task adds an event through its alias
 * outlet at run time; the event is recorded with its source, the alias resolves to the asset, and
 * the Dag scheduled on the alias starts with the event among its triggering events (naming the
 * alias). {@code /api/v2/assets/aliases} lists and reads the aliases; bad input is a 422 naming
 * field, value and rule.
 *
 * <pre>
 *   test_alias_producer: export ──(AssetAlias test_alias_exports → test://…/day)──▶
 *   test_alias_consumer: consume
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class AssetAliasesTest {
  @Inject DataSource dataSource;

  @Test
  void anEventAddedThroughAnAlias_startsTheDagScheduledOnTheAlias() throws Exception {
    Db db = new Db(dataSource);
    String runId = "test_alias_" + UUID.randomUUID();
    Db.api()
        .body("{\"dag_run_id\": \"" + runId + "\", \"logical_date\": null}")
        .post("/api/v2/dags/" + AliasDags.PRODUCER + "/dagRuns")
        .then()
        .statusCode(200);
    Eventually.await(
        "the producer's run succeeds",
        Duration.ofSeconds(30),
        () -> db.string("select state from dag_run where run_id = ?", runId),
        "success"::equals);

    JsonPath events =
        Db.api()
            .queryParam("source_run_id", runId)
            .get("/api/v2/assets/events")
            .then()
            .statusCode(200)
            .body("total_entries", equalTo(1))
            .extract()
            .jsonPath();
    assertEquals(AliasDags.DAY.uri(), events.getString("asset_events[0].uri"));
    assertEquals("export", events.getString("asset_events[0].source_task_id"));
    assertEquals(Map.of("rows", 3), events.getMap("asset_events[0].extra"));
    List<String> created = events.getList("asset_events[0].created_dagruns.dag_id");
    assertEquals(List.of(AliasDags.CONSUMER), created, "the event started the alias's Dag");

    String consumerRun = events.getString("asset_events[0].created_dagruns[0].run_id");
    Db.api()
        .get(
            "/api/v2/dags/"
                + AliasDags.CONSUMER
                + "/dagRuns/"
                + consumerRun
                + "/upstreamAssetEvents")
        .then()
        .statusCode(200)
        .body("asset_events[0].id", equalTo(events.getInt("asset_events[0].id")))
        .body("asset_events[0].source_run_id", equalTo(runId));
    String triggering = "conf.triggering_dataset_events.'" + AliasDags.DAY.uri() + "'[0].";
    Db.api()
        .get("/api/v1/dags/" + AliasDags.CONSUMER + "/dagRuns/" + consumerRun)
        .then()
        .statusCode(200)
        .body(triggering + "source_run_id", equalTo(runId))
        .body(
            triggering + "source_aliases",
            equalTo(List.of(Map.of("name", "test_alias_exports", "group", "exports"))));

    // The asset now lists the alias that resolves to it.
    long assetId = events.getLong("asset_events[0].asset_id");
    Db.api()
        .get("/api/v2/assets/" + assetId)
        .then()
        .statusCode(200)
        .body("aliases.name", equalTo(List.of("test_alias_exports")))
        .body("aliases[0].group", equalTo("exports"));
  }

  @Test
  void aliases_areListedFilteredAndReadById() {
    JsonPath list =
        Db.api()
            .queryParam("name_pattern", "ALIAS_EXP")
            .get("/api/v2/assets/aliases")
            .then()
            .statusCode(200)
            .body("total_entries", equalTo(1))
            .body("asset_aliases[0].name", equalTo("test_alias_exports"))
            .body("asset_aliases[0].group", equalTo("exports"))
            .extract()
            .jsonPath();
    long id = list.getLong("asset_aliases[0].id");
    Db.api()
        .get("/api/v2/assets/aliases/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("test_alias_exports"));
    Db.api()
        .queryParam("name_prefix_pattern", "test_alias_")
        .queryParam("order_by", "-name")
        .queryParam("limit", "1")
        .get("/api/v2/assets/aliases")
        .then()
        .statusCode(200)
        .body("asset_aliases.name", equalTo(List.of("test_alias_exports")));
    Db.api()
        .queryParam("name_prefix_pattern", "TEST_ALIAS_")
        .get("/api/v2/assets/aliases")
        .then()
        .statusCode(200)
        .body("total_entries", equalTo(0));
    Db.api()
        .get("/api/v2/assets/aliases")
        .then()
        .statusCode(200)
        .body("asset_aliases.name", hasItem("test_alias_exports"));
  }

  @Test
  void badInput_is422NamingFieldValueAndRule_andAnUnknownIdIs404() {
    Db.api()
        .queryParam("order_by", "uri")
        .get("/api/v2/assets/aliases")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("query", "order_by")))
        .body("detail[0].input", equalTo("uri"))
        .body("detail[0].msg", containsString("is not an attribute this list can be ordered by"));
    Db.api()
        .queryParam("limit", "-1")
        .get("/api/v2/assets/aliases")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("query", "limit")));
    Db.api()
        .get("/api/v2/assets/aliases/abc")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("path", "asset_alias_id")))
        .body("detail[0].input", equalTo("abc"));
    Db.api()
        .get("/api/v2/assets/aliases/987654321")
        .then()
        .statusCode(404)
        .body("detail", equalTo("The Asset Alias with ID: `987654321` was not found"));
  }
}
