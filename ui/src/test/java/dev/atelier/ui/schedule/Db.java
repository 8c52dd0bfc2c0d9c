package dev.atelier.ui.schedule;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** SQL and HTTP the schedule tests share: rows read straight from PostgreSQL, calls as admin. */
final class Db {
  private final DataSource dataSource;

  Db(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  static RequestSpecification api() {
    return given().auth().preemptive().basic("admin", "admin").contentType(ContentType.JSON);
  }

  void update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepare(c, sql, args)) {
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The first column of every row, as text. */
  List<String> strings(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepare(c, sql, args);
        ResultSet rs = ps.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  String string(String sql, Object... args) {
    List<String> all = strings(sql, args);
    return all.isEmpty() ? null : all.get(0);
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }
}
