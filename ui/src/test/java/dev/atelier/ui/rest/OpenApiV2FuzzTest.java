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
 * {@link Schemathesis} over {@code /api/v2} from its own document ({@code /api/v2/openapi.json},
 * {@code openapi/airflow-v2.yaml}) as a lead user, failing on any 5xx, as {@link OpenApiFuzzTest}
 * does for v1.
 *
 * <p>Asset ids are small integers that name real assets, so the two operations that would start the
 * Dags an asset feeds or produces (the emoji training Dags) are left out: creating an asset event
 * and {@code materialize}. Backfills name {@link FuzzTargetDag} (no schedule: refused) or a made-up
 * Dag; {@link FuzzFixtures} deletes what the fuzzer made and puts the pools back.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class OpenApiV2FuzzTest {
  @TestHTTPResource("/")
  URL root;

  @Inject DataSource dataSource;

  @Test
  void schemathesis_findsNoServerErrorInApiV2() throws Exception {
    String origin = root.toString().replaceAll("/$", "");
    try (FuzzFixtures fixtures = new FuzzFixtures(dataSource);
        RoleUsers users = new RoleUsers(dataSource, "fuzz2")) {
      new Schemathesis(origin, users.name("lead"))
          .exclude("POST /api/v2/assets/events")
          .exclude("POST /api/v2/assets/{asset_id}/materialize")
          .run("v2", "/api/v2/openapi.json", "^/api/v2/", OpenApiFuzzTest.EXAMPLES);
    }
  }
}
