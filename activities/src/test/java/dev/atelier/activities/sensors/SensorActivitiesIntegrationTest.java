package dev.atelier.activities.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.activities.Services;
import dev.atelier.workflows.activities.DatasetPoke;
import dev.atelier.workflows.activities.ExternalTaskPoke;
import dev.atelier.workflows.activities.PokeResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL, migrated by Flyway; each test owns its Dag id and dataset. */
class SensorActivitiesIntegrationTest {
  private static final String DATE = "2026-11-21T10:00:00Z";

  private final DataSource db = Services.migratedDatabase();
  private final SensorActivitiesImpl sensors = new SensorActivitiesImpl(db);
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String dagId = "test_sensor_" + suffix;
  private final String uri = "file:///data/emoji-" + suffix;

  @BeforeEach
  void registerDag() throws SQLException {
    update("insert into dag (dag_id, definition) values (?, '{}'::jsonb)", dagId);
  }

  @AfterEach
  void removeRows() throws SQLException {
    update("delete from dag_run where dag_id = ?", dagId);
    update("delete from dag where dag_id = ?", dagId);
    update(
        "delete from dataset_event where dataset_id in (select id from dataset where uri = ?)",
        uri);
    update("delete from dataset where uri = ?", uri);
  }

  private void run(String state) throws SQLException {
    update(
        "insert into dag_run (dag_id, run_id, state, logical_date, workflow_id)"
            + " values (?, 'r1', '"
            + state
            + "', '"
            + DATE
            + "', 'wf')",
        dagId);
  }

  private void instance(int mapIndex, String state) throws SQLException {
    update(
        "insert into task_instance (dag_id, run_id, task_id, map_index, state)"
            + " values (?, 'r1', 'train', "
            + mapIndex
            + ", '"
            + state
            + "')",
        dagId);
  }

  private PokeResult pokeTask(String taskId) {
    return sensors.pokeExternalTask(
        new ExternalTaskPoke(dagId, taskId, DATE, List.of("success"), List.of("failed")));
  }

  @Test
  void pokeExternalTask_runNotThereYet_waits() {
    PokeResult r = pokeTask("train");
    assertFalse(r.done() || r.failed());
    assertEquals(dagId + ".train at " + DATE + " has not started", r.detail());
  }

  @Test
  void pokeExternalTask_everyMappedInstanceSucceeded_done() throws SQLException {
    run("running");
    instance(0, "success");
    instance(1, "running");
    assertFalse(pokeTask("train").done());

    update("update task_instance set state = 'success' where dag_id = ? and map_index = 1", dagId);

    assertTrue(pokeTask("train").done());
  }

  @Test
  void pokeExternalTask_anInstanceInAFailedState_failsNamingWhatItSaw() throws SQLException {
    run("running");
    instance(0, "success");
    instance(1, "failed");
    PokeResult r = pokeTask("train");
    assertTrue(r.failed());
    assertEquals(
        "the watched "
            + dagId
            + ".train at "
            + DATE
            + ": [success, failed] ended in a failed state",
        r.detail());
  }

  @Test
  void pokeExternalTask_noTaskId_watchesTheWholeRun() throws SQLException {
    run("success");
    assertTrue(pokeTask(null).done());
  }

  @Test
  void pokeDataset_onlyAnEventAfterSinceCounts_andIsTheXCom() throws SQLException {
    update("insert into dataset (uri) values (?)", uri);
    update(
        "insert into dataset_event (dataset_id, extra, created_at)"
            + " select id, '{\"images\": 3800}'::jsonb, '2026-11-20T09:00:00Z' from dataset"
            + " where uri = ?",
        uri);
    DatasetPoke poke = new DatasetPoke(uri, "2026-11-20T10:00:00Z");
    assertFalse(sensors.pokeDataset(poke).done(), "an event before the interval is old data");

    update(
        "insert into dataset_event (dataset_id, extra, created_at)"
            + " select id, '{\"images\": 3900}'::jsonb, '2026-11-20T11:00:00Z' from dataset"
            + " where uri = ?",
        uri);

    PokeResult r = sensors.pokeDataset(poke);
    assertTrue(r.done());
    @SuppressWarnings("unchecked")
    Map<String, Object> event = (Map<String, Object>) r.xcom();
    assertEquals(Map.of("images", 3900), event.get("extra"));
    assertEquals(
        OffsetDateTime.parse("2026-11-20T11:00:00Z").toInstant(),
        OffsetDateTime.parse((String) event.get("created_at")).toInstant());
  }

  private void update(String sql, String arg) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      s.executeUpdate();
    }
  }
}
