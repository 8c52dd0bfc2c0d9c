package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.service.DagSync;
import dev.atelier.ui.service.DagVersions;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.EmptyOperator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Dag versions: the same definition registered again keeps its version, a changed one gets the next
 * number (a change undone is a new version too, as in Airflow), a run records the version it was
 * created under, and {@code /api/v2} lists them, gets one by number and names the latest in the
 * Dag's details.
 *
 * <pre>
 *   define "a" ─▶ v1   define "a" ─▶ v1   define "b" ─▶ v2   define "a" ─▶ v3 ─▶ run records v3
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class DagVersionsApiTest {
  @Inject DataSource dataSource;
  @Inject DagVersions versions;
  @Inject DagSync sync;
  @Inject DagRunRepository runs;

  @ConfigProperty(name = "quarkus.application.version")
  String build;

  private static Dag dag(String dagId, String description) {
    var b = Dag.builder(dagId).description(description).tags("test");
    b.add(new EmptyOperator("only"));
    return b.build();
  }

  @Test
  void aChangedDag_getsTheNextVersion_andARunRecordsItsVersion() throws Exception {
    String dagId = "test_versions_" + UUID.randomUUID().toString().substring(0, 8);
    sql("insert into dag (dag_id, definition) values (?, '{}'::jsonb)", dagId);
    try {
      assertEquals(1, versions.record(dag(dagId, "a")).versionNumber());
      assertEquals(1, versions.record(dag(dagId, "a")).versionNumber(), "same definition");
      assertEquals(2, versions.record(dag(dagId, "b")).versionNumber(), "description changed");
      assertEquals(3, versions.record(dag(dagId, "a")).versionNumber(), "change undone");

      JsonPath listed =
          Api.asAdmin()
              .get("/api/v2/dags/" + dagId + "/dagVersions")
              .then()
              .statusCode(200)
              .body("total_entries", equalTo(3))
              .body("dag_versions.version_number", equalTo(List.of(1, 2, 3)))
              .body("dag_versions[0].bundle_name", equalTo("atelier"))
              .body("dag_versions[0].bundle_version", equalTo(build))
              .body("dag_versions[0].digest", matchesPattern("[0-9a-f]{64}"))
              .extract()
              .jsonPath();
      assertEquals(
          listed.getString("dag_versions[0].digest"), listed.getString("dag_versions[2].digest"));
      assertNotEquals(
          listed.getString("dag_versions[0].digest"), listed.getString("dag_versions[1].digest"));

      Api.asAdmin()
          .get("/api/v2/dags/" + dagId + "/dagVersions/2")
          .then()
          .statusCode(200)
          .body("version_number", equalTo(2))
          .body("id", equalTo(listed.getString("dag_versions[1].id")));
      Api.asAdmin()
          .get("/api/v2/dags/" + dagId + "/dagVersions?order_by=-version_number&limit=1")
          .then()
          .body("dag_versions.version_number", equalTo(List.of(3)));
      Api.asAdmin()
          .get("/api/v2/dags/" + dagId + "/details")
          .then()
          .statusCode(200)
          .body("latest_dag_version.version_number", equalTo(3));

      runs.insert(
          new DagRunRow(
              dagId,
              "test_v3",
              "success",
              "manual",
              Map.of(),
              OffsetDateTime.now(),
              OffsetDateTime.now(),
              null,
              null,
              null,
              null,
              true,
              "wf-test-versions",
              null,
              false));
      Api.asAdmin()
          .get("/api/v2/dags/" + dagId + "/dagRuns/test_v3")
          .then()
          .statusCode(200)
          .body("dag_versions.version_number", equalTo(List.of(3)))
          .body("bundle_version", equalTo(build));

      Api.asAdmin()
          .get("/api/v2/dags/" + dagId + "/dagVersions/9")
          .then()
          .statusCode(404)
          .body(
              "detail",
              equalTo(
                  "The DagVersion with dag_id: `"
                      + dagId
                      + "` and version_number: `9` was not found"));
      Api.asAdmin()
          .get("/api/v2/dags/" + dagId + "/dagVersions/x")
          .then()
          .statusCode(422)
          .body("detail[0].msg", equalTo("version_number: 'x' is not a valid integer"));
      Api.asAdmin()
          .get("/api/v2/dags/" + dagId + "/dagVersions?version_number=0")
          .then()
          .statusCode(422)
          .body("detail[0].msg", equalTo("version_number: 0 must be greater than or equal to 1"));
      Api.asAdmin().get("/api/v2/dags/no_such_dag/dagVersions").then().statusCode(404);
    } finally {
      sql("delete from dag_run where dag_id = ?", dagId);
      sql("delete from dag where dag_id = ?", dagId);
    }
  }

  @Test
  void registeringTheCodeAgain_addsNoVersion() {
    String path = "/api/v2/dags/emoji_dcgan_sweep/dagVersions";
    int before =
        Api.asAdmin()
            .get(path)
            .then()
            .statusCode(200)
            .body("total_entries", greaterThanOrEqualTo(1))
            .extract()
            .path("total_entries");
    sync.sync();
    Api.asAdmin().get(path).then().body("total_entries", equalTo(before));
  }

  private void sql(String statement, Object... args) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }
}
