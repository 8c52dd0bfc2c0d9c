package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.security.RoleHierarchy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every endpoint of both APIs × every role, over HTTP. The endpoints are found by reflection
 * ({@link Endpoint#all()}), so one that another change adds is walked too, and one that declares
 * neither {@code @RolesAllowed} nor {@code @PermitAll} fails the build. For each: a user of every
 * role below the one needed gets 403 whose detail names the role needed and theirs; a user of the
 * needed role gets past the check (any answer but 401/403, and never a 5xx for these made-up ids
 * and bodies); nobody signed in gets 401. Path values name nothing real, so a request that passes
 * the check ends in 400 or 404 and changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointRolesTest {
  @Inject DataSource dataSource;
  private RoleUsers users;

  @BeforeAll
  void oneUserPerRole() {
    users = new RoleUsers(dataSource, "walk");
  }

  @AfterAll
  void removeThem() {
    users.close();
  }

  @Test
  void everyEndpoint_declaresTheLeastRoleItNeeds() {
    List<Endpoint> all = Endpoint.all();
    List<String> undeclared = all.stream().filter(e -> !e.declared()).map(Endpoint::name).toList();
    assertEquals(
        List.of(), undeclared, "endpoints without @RolesAllowed(\"<least role>\") or @PermitAll");
    // The walk found the endpoints it is about, not an empty folder.
    assertTrue(all.size() >= 40, "only " + all.size() + " endpoints found");
    assertEquals("member", find(all, "POST", "/api/v1/dags/{dag_id}/dagRuns").role());
    assertEquals("lead", find(all, "PATCH", "/api/v1/dags/{dag_id}").role());
    assertEquals("admin", find(all, "POST", "/api/atelier/users").role());
    assertEquals("viewer", find(all, "GET", "/api/atelier/audit").role());
    // v2's assets need what v1's datasets need: viewer reads, member emits events.
    assertEquals(
        find(all, "GET", "/api/v1/datasets").role(), find(all, "GET", "/api/v2/assets").role());
    assertEquals(
        find(all, "POST", "/api/v1/datasets/events").role(),
        find(all, "POST", "/api/v2/assets/events").role());
    assertEquals("member", find(all, "POST", "/api/v2/assets/{asset_id}/materialize").role());
    assertEquals("member", find(all, "DELETE", "/api/v2/dags/{dag_id}/assets/queuedEvents").role());
    // Asset aliases are read like assets (Airflow 3: asset read); nothing writes them over HTTP.
    assertEquals(
        find(all, "GET", "/api/v2/assets").role(),
        find(all, "GET", "/api/v2/assets/aliases").role());
    assertEquals(
        find(all, "GET", "/api/v2/assets").role(),
        find(all, "GET", "/api/v2/assets/aliases/{asset_alias_id}").role());
  }

  @TestFactory
  List<DynamicTest> everyEndpoint_everyRole() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Endpoint e : Endpoint.all()) {
      if (!e.declared()) {
        continue; // reported by everyEndpoint_declaresTheLeastRoleItNeeds
      }
      if (e.permitAll()) {
        tests.add(dynamicTest(e.name() + " as nobody: open", () -> passes(e, given())));
        continue;
      }
      tests.add(dynamicTest(e.name() + " as nobody: 401", () -> unauthenticated(e)));
      int needed = RoleHierarchy.RANKS.indexOf(e.role());
      for (int i = 0; i < RoleHierarchy.RANKS.size(); i++) {
        String role = RoleHierarchy.RANKS.get(i);
        if (i < needed) {
          tests.add(dynamicTest(e.name() + " as " + role + ": 403", () -> forbidden(e, role)));
        } else if (i == needed) {
          tests.add(
              dynamicTest(e.name() + " as " + role + ": allowed", () -> passes(e, users.as(role))));
        }
      }
    }
    return tests;
  }

  private void forbidden(Endpoint e, String role) {
    Response r = call(e, users.as(role));
    assertEquals(403, r.statusCode(), e.name() + " as " + role + ": " + r.asString());
    assertEquals(
        "user '"
            + users.name(role)
            + "' has role "
            + role
            + "; this needs role "
            + e.role()
            + " (roles rank viewer < member < lead < admin)",
        r.jsonPath().getString("detail"));
  }

  private void passes(Endpoint e, RequestSpecification request) {
    Response r = call(e, request);
    int status = r.statusCode();
    assertTrue(
        status != 401 && status != 403 && status < 500,
        e.name() + " answered " + status + ": " + r.asString());
  }

  private void unauthenticated(Endpoint e) {
    Response r = call(e, given());
    assertEquals(401, r.statusCode(), e.name() + " without credentials: " + r.asString());
  }

  private static Response call(Endpoint e, RequestSpecification request) {
    RequestSpecification r = request.redirects().follow(false);
    if (e.hasBody()) {
      r = r.contentType("application/json").body("{}");
    }
    return r.request(e.httpMethod(), e.samplePath());
  }

  private static Endpoint find(List<Endpoint> all, String method, String path) {
    return all.stream()
        .filter(e -> e.httpMethod().equals(method) && e.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no endpoint " + method + " " + path));
  }
}
