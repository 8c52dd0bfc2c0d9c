package dev.atelier.ui.schedule;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.repository.DatasetEventRow;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import dev.atelier.workflows.schedule.EmojiDcganRetrain;
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
 * Dataset events start the Dags scheduled on them, Airflow 2.9's way: {@code images AND (labels OR
 * curated)} runs once images and one of the others have changed, consuming every queued event.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class DatasetTriggerTest {
  @Inject DataSource dataSource;
  @Inject DatasetTriggerRepository triggers;

  private static JsonPath post(String uri) {
    return Db.api()
        .body(Map.of("dataset_uri", uri, "extra", Map.of("by", "DatasetTriggerTest")))
        .post("/api/v1/datasets/events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void allOfAnyOf_runsOnceTheConditionHolds_withTheTriggeringEvents() throws Exception {
    JsonPath images = post(DatasetConditionDag.IMAGES.uri());
    assertEquals(List.of(), images.getList("created_dagruns"), "images alone are not enough");

    JsonPath curated = post(DatasetConditionDag.CURATED.uri());
    assertEquals(1, curated.getList("created_dagruns").size(), "images AND curated holds");
    String runId = curated.getString("created_dagruns[0].run_id");
    assertTrue(runId.startsWith("dataset_triggered__"), runId);

    JsonPath run =
        Db.api()
            .get("/api/v1/dags/" + DatasetConditionDag.DAG_ID + "/dagRuns/" + runId)
            .then()
            .statusCode(200)
            .body("run_type", equalTo("dataset_triggered"))
            .body("external_trigger", equalTo(false))
            .body("logical_date", equalTo(curated.getString("timestamp")))
            .body("data_interval_start", equalTo(images.getString("timestamp")))
            .extract()
            .jsonPath();
    Map<String, List<Map<String, Object>>> triggering =
        run.getMap("conf.triggering_dataset_events");
    assertEquals(
        List.of(DatasetConditionDag.IMAGES.uri(), DatasetConditionDag.CURATED.uri()),
        List.copyOf(triggering.keySet()));
    assertEquals(
        images.getInt("id"),
        ((Number) triggering.get(DatasetConditionDag.IMAGES.uri()).get(0).get("id")).intValue());

    // The event lists the run it created, read back too; the run goes on to succeed.
    Db.api()
        .queryParam("dataset_id", images.getInt("dataset_id"))
        .queryParam("order_by", "-timestamp")
        .get("/api/v1/datasets/events")
        .then()
        .body(
            "dataset_events.find { it.id == " + images.getInt("id") + " }.created_dagruns.run_id",
            contains(runId));
    Db db = new Db(dataSource);
    Eventually.await(
        "the dataset-triggered run succeeds",
        Duration.ofSeconds(30),
        () -> db.string("select state from dag_run where run_id = ?", runId),
        "success"::equals);

    // Consumed events are gone from the queue: labels alone start nothing.
    JsonPath labels = post(DatasetConditionDag.LABELS.uri());
    assertEquals(List.of(), labels.getList("created_dagruns"));
  }

  /**
   * 40 events of one dataset queue before the condition holds: the run consumes all 41, but its
   * conf carries at most Limits.MAX_EVENTS_PER_RUN (the newest of each dataset first), and its note
   * says how many are left out and where they are listed.
   */
  @Test
  void aRunTriggeredByManyEvents_carriesAtMost32InItsConf_andConsumesAll() {
    int before = queuedImages();
    for (int i = 0; i < 40; i++) {
      post(DatasetConditionDag.IMAGES.uri());
    }
    JsonPath curated = post(DatasetConditionDag.CURATED.uri());
    String runId = curated.getString("created_dagruns[0].run_id");

    JsonPath run =
        Db.api()
            .get("/api/v1/dags/" + DatasetConditionDag.DAG_ID + "/dagRuns/" + runId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, List<Map<String, Object>>> triggering =
        run.getMap("conf.triggering_dataset_events");
    assertEquals(1, triggering.get(DatasetConditionDag.CURATED.uri()).size());
    List<Map<String, Object>> images = triggering.get(DatasetConditionDag.IMAGES.uri());
    assertEquals(31, images.size(), "the newest 31 images events beside the one curated");
    int consumed = before + 41;
    assertEquals(
        (consumed - 32)
            + " older triggering events are not in the conf (at most 32 are); the run consumed all "
            + consumed
            + ", each listing it in created_dagruns (GET /api/v1/datasets/events)",
        run.getString("note"));
    assertEquals(0, queuedImages(), "every event was consumed");
  }

  private int queuedImages() {
    return (int)
        triggers.lockQueued(DatasetConditionDag.DAG_ID).stream()
            .filter(e -> e.datasetUri().equals(DatasetConditionDag.IMAGES.uri()))
            .count();
  }

  @Test
  void aDagNewlyScheduledOnADataset_ignoresEventsFromBeforeIt() {
    Db db = new Db(dataSource);
    String dagId = "test_fresh_" + UUID.randomUUID();
    String uri = "test://fresh/" + UUID.randomUUID();
    db.update("insert into dag (dag_id, definition) values (?, '{}'::jsonb)", dagId);
    try {
      post(uri);
      triggers.register(dagId, List.of(uri));
      assertEquals(List.of(), triggers.lockQueued(dagId), "the older event is not queued");

      post(uri);
      List<DatasetEventRow> queued = triggers.lockQueued(dagId);
      assertEquals(1, queued.size());
      assertEquals(uri, queued.get(0).datasetUri());
    } finally {
      db.update("delete from dag where dag_id = ?", dagId);
    }
  }

  @Test
  void retrainDag_listensOnItsOwnUri_notOnTheDemosFileUri() {
    Db.api()
        .get("/api/v1/dags/" + EmojiDcganRetrain.DAG_ID)
        .then()
        .statusCode(200)
        .body(
            "timetable_description", equalTo("Triggered by assets: atelier://datasets/emoji-noto"))
        .body("next_dagrun", equalTo(null));
    // What the demo registers before it triggers emoji_dcgan_sweep by hand starts nothing.
    Db.api()
        .body(Map.of("dataset_uri", "file:///tmp/atelier-demo/emoji", "extra", Map.of()))
        .post("/api/v1/datasets/events")
        .then()
        .statusCode(200)
        .body("created_dagruns", empty());
    // Its dataset exists from registration on, as Airflow creates a Dag's datasets.
    Db.api()
        .queryParam("uri_pattern", "datasets/emoji-noto")
        .get("/api/v1/datasets")
        .then()
        .statusCode(200)
        .body("datasets.uri", hasItem(EmojiDcganRetrain.DATASET_URI));
  }
}
