package dev.atelier.ui.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.http.conn.params.ConnRoutePNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./atelier users} (scripts/atelier_users.py) against this app, run as a person runs it: the
 * demo's admin adds, lists, promotes and re-keys a user, who then signs in with the new password
 * and role; each refusal exits 3 with the app's detail, a usage error exits 2 and sends nothing, an
 * app that is not there exits 4. Every user made here is deleted afterwards.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class UsersCliEndToEndTest {
  @TestHTTPResource("/")
  URL app;

  @Inject DataSource dataSource;

  private final List<String> made = new ArrayList<>();
  private AtelierCommand asAdmin;

  @BeforeEach
  void theDemoAdmin() {
    asAdmin = as("admin", "admin");
  }

  @AfterEach
  void deleteMadeUsers() throws Exception {
    for (String name : made) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement("delete from users where username = ?")) {
        ps.setString(1, name);
        ps.executeUpdate();
      }
    }
  }

  @Test
  void addListSetRolePasswd_theUserSignsInWithTheNewPasswordAndRole() throws Exception {
    String ada = name("ada");
    AtelierCommand.Result added =
        asAdmin.run(
            "first-password\n", "users", "add", ada, "--role", "member", "--password-stdin");
    assertEquals(0, added.exit(), added.output());
    assertTrue(added.output().contains("added " + ada + " (member)"), added.output());

    AtelierCommand.Result listed = asAdmin.run("", "users", "list");
    assertEquals(0, listed.exit(), listed.output());
    assertTrue(row(ada, "member").matcher(listed.output()).find(), listed.output());
    assertTrue(row("admin", "admin").matcher(listed.output()).find(), listed.output());
    assertTrue(listed.output().startsWith("USERNAME"), listed.output());

    AtelierCommand.Result promoted = asAdmin.run("", "users", "set-role", ada, "lead");
    assertEquals(0, promoted.exit(), promoted.output());
    assertTrue(promoted.output().contains(ada + " is now lead"), promoted.output());

    AtelierCommand.Result rekeyed =
        asAdmin.run("second-password\n", "users", "passwd", ada, "--password-stdin");
    assertEquals(0, rekeyed.exit(), rekeyed.output());
    assertTrue(rekeyed.output().contains(ada + ": password changed"), rekeyed.output());

    given()
        .auth()
        .preemptive()
        .basic(ada, "second-password")
        .get("/api/atelier/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(ada))
        .body("role", equalTo("lead"));
    // The old password no longer signs in (from an address of its own: one failed sign-in must
    // not count against the throttle of the other tests' 127.0.0.1).
    given()
        .config(
            RestAssured.config()
                .httpClient(
                    HttpClientConfig.httpClientConfig()
                        .setParam(
                            ConnRoutePNames.LOCAL_ADDRESS, InetAddress.getByName("127.0.0.41"))))
        .auth()
        .preemptive()
        .basic(ada, "first-password")
        .get("/api/atelier/me")
        .then()
        .statusCode(401);

    AtelierCommand.Result removed = asAdmin.run("", "users", "remove", ada);
    assertEquals(0, removed.exit(), removed.output());
    AtelierCommand.Result after = asAdmin.run("", "users", "list");
    assertFalse(after.output().contains(ada), after.output());
  }

  @Test
  void refusals_exit3_andPrintTheAppsDetail() throws Exception {
    String bo = name("bo");
    AtelierCommand.Result badRole =
        asAdmin.run("a-good-password\n", "users", "add", bo, "--role", "boss", "--password-stdin");
    assertEquals(3, badRole.exit(), badRole.output());
    assertTrue(
        badRole.output().contains("role: 'boss' is not a role; it must be one of"),
        badRole.output());
    assertEquals(0, count(bo), "a refused add leaves no user behind");

    AtelierCommand.Result shortPassword =
        asAdmin.run("xyzzy\n", "users", "add", bo, "--role", "member", "--password-stdin");
    assertEquals(3, shortPassword.exit(), shortPassword.output());
    assertTrue(
        shortPassword.output().contains("password: 5 characters is too short"),
        shortPassword.output());
    assertFalse(shortPassword.output().contains("xyzzy"), "the password itself is never shown");

    String nobody = name("nobody");
    AtelierCommand.Result unknown = asAdmin.run("", "users", "set-role", nobody, "lead");
    assertEquals(3, unknown.exit(), unknown.output());
    assertTrue(unknown.output().contains("404"), unknown.output());
    assertTrue(
        unknown.output().contains("username: '" + nobody + "' is not a user"), unknown.output());

    assertEquals(
        0,
        asAdmin
            .run("a-good-password\n", "users", "add", bo, "--role", "member", "--password-stdin")
            .exit());
    AtelierCommand.Result taken =
        asAdmin.run("a-good-password\n", "users", "add", bo, "--role", "lead", "--password-stdin");
    assertEquals(3, taken.exit(), taken.output());
    assertTrue(taken.output().contains("'" + bo + "' is taken"), taken.output());

    // A member may not manage users, whichever command it tries.
    AtelierCommand asMember = as(bo, "a-good-password");
    for (String[] args :
        List.of(
            new String[] {"users", "list"},
            new String[] {"users", "set-role", bo, "admin"},
            new String[] {"users", "remove", bo})) {
      AtelierCommand.Result forbidden = asMember.run("", args);
      assertEquals(3, forbidden.exit(), forbidden.output());
      assertTrue(forbidden.output().contains("403"), forbidden.output());
      assertTrue(
          forbidden.output().contains("'" + bo + "' has role member; this needs role admin"),
          forbidden.output());
    }
    assertEquals("member", role(bo), "the member's own set-role to admin and remove did nothing");
  }

  @Test
  void usageErrors_exit2_andSendNothing() throws Exception {
    String cy = name("cy");
    AtelierCommand.Result inArgument =
        asAdmin.run("", "users", "add", cy, "--role", "member", "--password", "in-the-history");
    assertEquals(2, inArgument.exit(), inArgument.output());
    assertTrue(inArgument.output().contains("shell history"), inArgument.output());

    AtelierCommand.Result notATerminal = asAdmin.run("", "users", "add", cy, "--role", "member");
    assertEquals(2, notATerminal.exit(), notATerminal.output());
    assertTrue(
        notATerminal.output().contains("password: standard input is not a terminal"),
        notATerminal.output());
    assertEquals(0, count(cy));

    AtelierCommand.Result noRole = asAdmin.run("", "users", "add", cy);
    assertEquals(2, noRole.exit(), noRole.output());
    assertTrue(noRole.output().contains("--role"), noRole.output());

    AtelierCommand.Result help = asAdmin.run("", "help");
    assertTrue(help.output().contains("users list | add NAME --role ROLE"), help.output());
  }

  @Test
  void anAppThatIsNotThere_exits4() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    AtelierCommand.Result unreachable = asAdmin.run("", "users", "--url", url, "list");
    assertEquals(4, unreachable.exit(), unreachable.output());
    assertTrue(
        unreachable.output().contains("cannot reach the app at " + url), unreachable.output());
  }

  private AtelierCommand as(String user, String password) {
    String url = app.toString().replaceAll("/$", "");
    return new AtelierCommand(
        Map.of("ATELIER_URL", url, "ATELIER_USER", user, "ATELIER_PASSWORD", password));
  }

  /** A fresh user name, deleted after the test. */
  private String name(String prefix) {
    String name = "cli-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    made.add(name);
    return name;
  }

  private static Pattern row(String username, String role) {
    return Pattern.compile("(?m)^" + Pattern.quote(username) + " +" + role + "$");
  }

  private long count(String username) throws Exception {
    return query("select count(*) from users where username = ?", username, ResultSet::getLong);
  }

  private String role(String username) throws Exception {
    return query("select role from users where username = ?", username, ResultSet::getString);
  }

  private interface Column<T> {
    T get(ResultSet rs, int index) throws java.sql.SQLException;
  }

  private <T> T query(String sql, String arg, Column<T> column) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), sql + " found no row for " + arg);
        return column.get(rs, 1);
      }
    }
  }
}
