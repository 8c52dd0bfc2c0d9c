package dev.atelier.ui.rest;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Schemathesis} over Atelier's own API ({@code /api/atelier}, in {@code /q/openapi}) as an
 * admin (who also manages users), failing on any 5xx, as {@link OpenApiFuzzTest} does for {@code
 * /api/v1}.
 *
 * <p>Left out: what starts training or promotes a model (a run's {@code promote}, a review's {@code
 * approve}, a sweep's new {@code trials}), and adding or scanning a dataset source (a made-up
 * folder could be any folder of this machine). Dag, run and task ids are {@link FuzzTargetDag}'s or
 * made up; {@link FuzzFixtures} deletes the users and backfills it made.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class AtelierApiFuzzTest {
  @TestHTTPResource("/")
  URL root;

  @Inject DataSource dataSource;

  @Test
  void schemathesis_findsNoServerErrorInAtelierApi() throws Exception {
    String origin = root.toString().replaceAll("/$", "");
    try (FuzzFixtures fixtures = new FuzzFixtures(dataSource);
        RoleUsers users = new RoleUsers(dataSource, "fuzza")) {
      new Schemathesis(origin, users.name("admin"))
          .exclude("POST /api/atelier/runs/{runId}/promote")
          .exclude("POST /api/atelier/reviews/{id}/approve")
          .exclude("POST /api/atelier/dags/{dagId}/runs/{runId}/sweeps/{taskId}/trials")
          .exclude("POST /api/atelier/datasets")
          .exclude("POST /api/atelier/datasets/{name}/scan")
          .run("atelier", "/q/openapi?format=json", "^/api/atelier/", OpenApiFuzzTest.EXAMPLES);
    }
  }
}
