package dev.atelier.ui.schedule;

import static dev.atelier.ui.schedule.DataRootsProfile.MNT;
import static dev.atelier.ui.schedule.DataRootsProfile.OUTSIDE;
import static dev.atelier.ui.schedule.DataRootsProfile.ROOT;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A run whose dataset folder no trial could read is refused when it is triggered: a 400 naming the
 * param, the folder and the rule, and no run row. A folder within the roots runs, and its {@code
 * PrepareDataset} scans it where the worker has it.
 *
 * <pre>
 *   POST dagRuns {images: …} ──▶ RunParams (params + data roots) ──▶ 400 | run: scan ──▶ XCom
 * </pre>
 */
@QuarkusTest
@TestProfile(DataRootsProfile.class)
@QuarkusTestResource(RequiredServices.class)
class DataRootsTriggerTest {
  private static final String ROOTS =
      "(ATELIER_DATA_ROOTS: " + ROOT + ", pvc://datasets=" + MNT + ", pvc://remote)";

  @Inject DataSource dataSource;

  private void assertRefused(String dagId, Map<String, Object> conf, String detail) {
    String runId = "test_data_roots_" + UUID.randomUUID();

    Db.api()
        .body(Map.of("dag_run_id", runId, "conf", conf))
        .post("/api/v1/dags/" + dagId + "/dagRuns")
        .then()
        .statusCode(400)
        .body("title", equalTo("Bad Request"))
        .body("detail", equalTo(detail));

    assertEquals(
        "0",
        new Db(dataSource).string("select count(*) from dag_run where run_id = ?", runId),
        "a refused trigger leaves no dag_run row");
  }

  @Test
  void trigger_folderOutsideTheRoots_is400NamingTheParamTheFolderAndTheRoots() {
    assertRefused(
        DatasetRootsDag.DAG_ID,
        Map.of("images", OUTSIDE.toString()),
        "params.images: '" + OUTSIDE + "' is not under a data root " + ROOTS);
  }

  @Test
  void trigger_linkOutOfTheRoot_is400() {
    assertRefused(
        DatasetRootsDag.DAG_ID,
        Map.of("images", ROOT + "/escape"),
        "params.images: '"
            + ROOT
            + "/escape' leads to '"
            + OUTSIDE
            + "' through a symbolic link, outside its data root '"
            + ROOT
            + "'");
  }

  @Test
  void trigger_claimTheWorkerHasNotMounted_is400SayingWhatToConfigure() {
    assertRefused(
        DatasetRootsDag.DAG_ID,
        Map.of("images", "pvc://remote/emoji"),
        "params.images: 'pvc://remote/emoji': claim 'remote' is not mounted on the worker, which"
            + " has to read the dataset; give its mount in ATELIER_DATA_ROOTS as"
            + " pvc://remote=<folder>");
  }

  @Test
  void trigger_demoSweepOutsideTheRoots_listedWithItsOtherViolations() {
    assertRefused(
        "emoji_dcgan_sweep",
        Map.of("dataset_path", "/etc", "batch_size", 0),
        "params.batch_size: 0 is less than the minimum of 1; params.dataset_path: '/etc' is not"
            + " under a data root "
            + ROOTS);
  }

  @Test
  void trigger_pvcOfAMountedClaim_runsAndScansTheWorkersMount() throws Exception {
    String runId = "test_data_roots_" + UUID.randomUUID();
    Db.api()
        .body(Map.of("dag_run_id", runId, "conf", Map.of("images", "pvc://datasets/emoji")))
        .post("/api/v1/dags/" + DatasetRootsDag.DAG_ID + "/dagRuns")
        .then()
        .statusCode(200);

    Db db = new Db(dataSource);
    Eventually.await(
        "the run succeeds",
        Duration.ofSeconds(30),
        () -> db.string("select state from dag_run where run_id = ?", runId),
        "success"::equals);
    JsonPath xcom =
        Db.api()
            .queryParam("deserialize", "true")
            .get(
                "/api/v1/dags/"
                    + DatasetRootsDag.DAG_ID
                    + "/dagRuns/"
                    + runId
                    + "/taskInstances/scan/xcomEntries/return_value")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // Local trials read the worker's folder: path and local_path are both the mount's.
    assertEquals(MNT.resolve("emoji").toString(), xcom.getString("value.path"));
    assertEquals(MNT.resolve("emoji").toString(), xcom.getString("value.local_path"));
    assertEquals(1, xcom.getInt("value.image_count"));
  }
}
