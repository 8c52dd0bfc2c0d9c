package dev.atelier.ui.schedule;

import static org.hamcrest.Matchers.equalTo;
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
 * A task's outlet records a dataset event with its source, as Airflow's DatasetEvent has it, and
 * that event starts the Dag scheduled on the dataset.
 *
 * <pre>
 *   test_outlet_producer: curate ──(outlet test://…/curated)──▶ test_outlet_consumer: consume
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class OutletTriggerTest {
  @Inject DataSource dataSource;

  @Test
  void aSucceededOutletTask_recordsItsEvent_andStartsTheConsumer() throws Exception {
    Db db = new Db(dataSource);
    String runId = "test_outlet_" + UUID.randomUUID();
    Db.api()
        .body(Map.of("dag_run_id", runId))
        .post("/api/v1/dags/" + OutletDags.PRODUCER + "/dagRuns")
        .then()
        .statusCode(200);
    Eventually.await(
        "the producer's run succeeds",
        Duration.ofSeconds(30),
        () -> db.string("select state from dag_run where run_id = ?", runId),
        "success"::equals);

    // The task's return value is its XCom return_value, listed by Airflow's API.
    Db.api()
        .queryParam("deserialize", "true")
        .get(
            "/api/v1/dags/"
                + OutletDags.PRODUCER
                + "/dagRuns/"
                + runId
                + "/taskInstances/curate/xcomEntries/return_value")
        .then()
        .statusCode(200)
        .body("value", equalTo("curated"));

    JsonPath events =
        Db.api()
            .queryParam("source_run_id", runId)
            .get("/api/v1/datasets/events")
            .then()
            .statusCode(200)
            .body("total_entries", equalTo(1))
            .extract()
            .jsonPath();
    assertEquals(OutletDags.CURATED.uri(), events.getString("dataset_events[0].dataset_uri"));
    assertEquals(OutletDags.PRODUCER, events.getString("dataset_events[0].source_dag_id"));
    assertEquals("curate", events.getString("dataset_events[0].source_task_id"));
    assertEquals(-1, events.getInt("dataset_events[0].source_map_index"));
    assertEquals(Map.of("images", 42), events.getMap("dataset_events[0].extra"));
    List<String> created = events.getList("dataset_events[0].created_dagruns.dag_id");
    assertEquals(List.of(OutletDags.CONSUMER), created, "the event started the consumer");

    String consumerRun = events.getString("dataset_events[0].created_dagruns[0].run_id");
    Db.api()
        .get("/api/v1/dags/" + OutletDags.CONSUMER + "/dagRuns/" + consumerRun)
        .then()
        .statusCode(200)
        .body("run_type", equalTo("dataset_triggered"))
        .body(
            "conf.triggering_dataset_events.'" + OutletDags.CURATED.uri() + "'[0].source_run_id",
            equalTo(runId));
    Eventually.await(
        "the consumer's run succeeds",
        Duration.ofSeconds(30),
        () -> db.string("select state from dag_run where run_id = ?", consumerRun),
        "success"::equals);
  }
}
