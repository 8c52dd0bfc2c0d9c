package dev.atelier.ui.rest;

import static io.restassured.RestAssured.given;

import dev.atelier.ui.security.RoleHierarchy;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One user of each role, put in the users table and deleted again: what the role tests sign in as.
 * Names carry a random suffix so reruns and leftovers never collide.
 */
final class RoleUsers implements AutoCloseable {
  static final String PASSWORD = "role-test-password";

  /** Role → user name, lowest role first. */
  final Map<String, String> byRole = new LinkedHashMap<>();

  private final RunFixtures db;

  /** Straight into the users table: a {@code @BeforeAll} runs before the HTTP port is known. */
  RoleUsers(DataSource dataSource, String prefix) {
    db = new RunFixtures(dataSource);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String hash = BcryptUtil.bcryptHash(PASSWORD);
    for (String role : RoleHierarchy.RANKS) {
      String name = prefix + "_" + role + "_" + suffix;
      db.sql(
          "insert into users (username, password_hash, role) values (?, ?, ?)", name, hash, role);
      byRole.put(role, name);
    }
  }

  String name(String role) {
    return byRole.get(role);
  }

  /** A JSON request signed in as the user holding {@code role}. */
  RequestSpecification as(String role) {
    return given()
        .auth()
        .preemptive()
        .basic(byRole.get(role), PASSWORD)
        .contentType(ContentType.JSON);
  }

  @Override
  public void close() {
    for (String name : byRole.values()) {
      db.sql("delete from users where username = ?", name);
    }
  }
}
