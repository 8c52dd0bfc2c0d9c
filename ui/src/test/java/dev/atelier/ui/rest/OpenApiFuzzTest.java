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
 * {@link Schemathesis} reads this app's own OpenAPI document ({@code /q/openapi}) and sends every
 * {@code /api/v1} operation requests made from its schemas, valid and invalid (NUL characters, huge
 * numbers, long strings, odd dates), as a lead user; any 5xx fails the test with schemathesis's
 * reproduction ({@code curl}) in the output.
 *
 * <p>Ids are {@link FuzzTargetDag}'s (one empty task) and its fixture run, or made up, so the
 * fuzzer never starts a training run or pauses a Dag that other tests use; {@link FuzzFixtures}
 * deletes the runs, datasets and events it creates afterwards.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class OpenApiFuzzTest {
  /**
   * Per operation and phase: with {@link OpenApiV2FuzzTest}'s and {@link AtelierApiFuzzTest}'s, the
   * three fuzz within about three minutes on two cores.
   */
  static final int EXAMPLES = 100;

  @TestHTTPResource("/")
  URL root;

  @Inject DataSource dataSource;

  @Test
  void schemathesis_findsNoServerErrorInApiV1() throws Exception {
    String origin = root.toString().replaceAll("/$", "");
    try (FuzzFixtures fixtures = new FuzzFixtures(dataSource);
        RoleUsers users = new RoleUsers(dataSource, "fuzz")) {
      new Schemathesis(origin, users.name("lead"))
          .run("v1", "/q/openapi?format=json", "^/api/v1/", EXAMPLES);
    }
  }
}
