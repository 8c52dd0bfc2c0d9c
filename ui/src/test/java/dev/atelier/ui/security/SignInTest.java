package dev.atelier.ui.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.agroal.api.AgroalDataSource;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.http.conn.params.ConnRoutePNames;
import org.junit.jupiter.api.Test;

/**
 * Signing in as a client would: tokens, bearer auth on both APIs, role changes, throttling and the
 * timing of unknown names. Each throttling test speaks from its own loopback address (127.0.0.x)
 * and its own user names, so its failures never block the other tests' 127.0.0.1.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class SignInTest {
  private static final String DAG = "emoji_dcgan_sweep";

  @Inject AgroalDataSource dataSource;

  private String user(String role, String password) throws Exception {
    String name = "signin-" + UUID.randomUUID().toString().substring(0, 8);
    sql(
        "insert into users (username, password_hash, role) values (?, ?, ?)",
        name,
        BcryptUtil.bcryptHash(password),
        role);
    return name;
  }

  private void sql(String sql, Object... args) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }

  /** Requests that come from {@code address} (any 127.0.0.x reaches the app on loopback). */
  private static RequestSpecification from(String address) throws Exception {
    InetAddress local = InetAddress.getByName(address);
    return given()
        .config(
            RestAssured.config()
                .httpClient(
                    HttpClientConfig.httpClientConfig()
                        .setParam(ConnRoutePNames.LOCAL_ADDRESS, local)));
  }

  private static String token(String user, String password) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", user, "password", password))
        .post("/auth/token")
        .then()
        .statusCode(201)
        .body("token_type", equalTo("bearer"))
        .extract()
        .path("access_token");
  }

  @Test
  void token_fromJsonOrForm_opensBothApis() throws Exception {
    String viewer = user("viewer", "pw-viewer-1");
    String jwt = token(viewer, "pw-viewer-1");
    given().auth().oauth2(jwt).get("/api/v1/dags").then().statusCode(200);
    given()
        .auth()
        .oauth2(jwt)
        .get("/auth/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(viewer))
        .body("role", equalTo("viewer"));
    String fromForm =
        given()
            .contentType(ContentType.URLENC)
            .formParam("username", viewer)
            .formParam("password", "pw-viewer-1")
            .post("/auth/token")
            .then()
            .statusCode(201)
            .extract()
            .path("access_token");
    given()
        .auth()
        .oauth2(fromForm)
        .get("/api/atelier/dags")
        .then()
        .statusCode(org.hamcrest.Matchers.not(401));
    given().auth().oauth2(fromForm + "x").get("/api/v1/dags").then().statusCode(401);
  }

  @Test
  void token_missingFields_is400NamingThem() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", "someone"))
        .post("/auth/token")
        .then()
        .statusCode(400)
        .body("detail", containsString("password: missing"));
  }

  @Test
  void token_roleChanged_appliesAtOnce() throws Exception {
    String lead = user("lead", "pw-lead-1");
    String jwt = token(lead, "pw-lead-1");
    given().auth().oauth2(jwt).get("/auth/me").then().body("role", equalTo("lead"));
    sql("update users set role = 'viewer' where username = ?", lead);
    given()
        .auth()
        .oauth2(jwt)
        .get("/auth/me")
        .then()
        .statusCode(200)
        .body("role", equalTo("viewer"));
    sql("delete from users where username = ?", lead);
    given().auth().oauth2(jwt).get("/auth/me").then().statusCode(401);
  }

  @Test
  void basic_passwordChanged_oldOneStopsAtOnce() throws Exception {
    String member = user("member", "pw-old-1");
    given().auth().preemptive().basic(member, "pw-old-1").get("/auth/me").then().statusCode(200);
    sql(
        "update users set password_hash = ? where username = ?",
        BcryptUtil.bcryptHash("pw-new-1"),
        member);
    given().auth().preemptive().basic(member, "pw-old-1").get("/auth/me").then().statusCode(401);
    given().auth().preemptive().basic(member, "pw-new-1").get("/auth/me").then().statusCode(200);
  }

  @Test
  void basic_fiveFailuresFromOneAddress_sixthIs429WithRetryAfter() throws Exception {
    String address = "127.0.0.11";
    for (int i = 0; i < 5; i++) {
      from(address)
          .auth()
          .preemptive()
          .basic("nobody-" + i + "-" + UUID.randomUUID(), "wrong")
          .get("/api/v1/dags")
          .then()
          .statusCode(401);
    }
    // Even the right password: the address must wait.
    from(address)
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .get("/api/v1/dags")
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("detail", containsString("Too many failed sign-ins"));
    given().auth().preemptive().basic("admin", "admin").get("/api/v1/dags").then().statusCode(200);
  }

  @Test
  void token_fiveFailuresForOneUser_fromManyAddresses_is429() throws Exception {
    String member = user("member", "pw-right-1");
    for (int i = 0; i < 5; i++) {
      from("127.0.0." + (20 + i))
          .contentType(ContentType.JSON)
          .body(Map.of("username", member, "password", "wrong"))
          .post("/auth/token")
          .then()
          .statusCode(401);
    }
    from("127.0.0.30")
        .contentType(ContentType.JSON)
        .body(Map.of("username", member, "password", "pw-right-1"))
        .post("/auth/token")
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue());
  }

  /** Loosely: a bcrypt check takes tens of ms, a bare lookup well under one. Never tight. */
  @Test
  void unknownUser_answersAsSlowlyAsAWrongPassword() throws Exception {
    String known = user("viewer", "pw-known-1");
    List<Long> wrong = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      wrong.add(timed(from("127.0.0.40").auth().preemptive().basic(known, "wrong-" + i)));
      unknown.add(timed(from("127.0.0.41").auth().preemptive().basic("ghost-" + i, "wrong")));
    }
    long wrongMedian = median(wrong);
    long unknownMedian = median(unknown);
    assertTrue(
        unknownMedian * 2 >= wrongMedian,
        "unknown user answered in " + unknown + " ns, wrong password in " + wrong + " ns");
  }

  private static long timed(RequestSpecification request) {
    long start = System.nanoTime();
    assertEquals(401, request.get("/auth/me").statusCode());
    return System.nanoTime() - start;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
  }

  @Test
  void csrf_bodilessPostWithoutContentType_startsNothing() {
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .post("/api/v1/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(415)
        .body("detail", containsString("must send Content-Type: application/json"));
  }

  @Test
  void csrf_crossSiteOrigin_isRefused() {
    given()
        .auth()
        .preemptive()
        .basic("admin", "admin")
        .contentType(ContentType.JSON)
        .header("Origin", "http://evil.example")
        .body("{}")
        .post("/api/v1/dags/" + DAG + "/dagRuns")
        .then()
        .statusCode(403)
        .body("detail", containsString("Origin 'http://evil.example'"));
  }
}
