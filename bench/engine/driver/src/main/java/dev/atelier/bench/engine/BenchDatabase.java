package dev.atelier.bench.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.dsl.Dag;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import org.flywaydb.core.Flyway;

/**
 * A database of the benchmark's own ({@code atelier_bench}) on the given PostgreSQL server, created
 * afresh and migrated by the app's Flyway scripts, behind the app's pool (Agroal, Quarkus's default
 * of 20 connections), so the worker's bookkeeping costs what it costs in the app and nobody else's
 * rows are touched.
 */
final class BenchDatabase implements AutoCloseable {
  static final String NAME = "atelier_bench";

  private final AgroalDataSource pool;

  private BenchDatabase(AgroalDataSource pool) {
    this.pool = pool;
  }

  /**
   * @param serverUrl any JDBC URL of the server, e.g. {@code jdbc:postgresql://127.0.0.1:56432/x}
   */
  static BenchDatabase recreate(String serverUrl, String user, String password)
      throws SQLException {
    String base = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1);
    String url = base + NAME;
    try (Connection admin = DriverManager.getConnection(base + "postgres", user, password);
        Statement s = admin.createStatement()) {
      s.execute("drop database if exists " + NAME + " with (force)");
      s.execute("create database " + NAME);
    }
    Flyway.configure()
        .dataSource(url, user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    AgroalDataSource pool =
        AgroalDataSource.from(
            new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(
                    cp ->
                        cp.maxSize(20)
                            .acquisitionTimeout(Duration.ofSeconds(30))
                            .connectionFactoryConfiguration(
                                cf ->
                                    cf.jdbcUrl(url)
                                        .principal(new NamePrincipal(user))
                                        .credential(new SimplePassword(password)))));
    return new BenchDatabase(pool);
  }

  AgroalDataSource dataSource() {
    return pool;
  }

  String serverVersion() throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("show server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** What the app's Dag sync does at start: one {@code dag} row per Dag, unpaused. */
  void register(Collection<Dag> dags) throws Exception {
    ObjectMapper json = new ObjectMapper();
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into dag (dag_id, description, definition, is_paused)"
                    + " values (?, ?, ?::jsonb, false) on conflict (dag_id) do nothing")) {
      for (Dag dag : dags) {
        s.setString(1, dag.dagId());
        s.setString(2, dag.description());
        s.setString(3, json.writeValueAsString(dag.toSpec()));
        s.executeUpdate();
      }
    }
  }

  /** The start_date the worker recorded for a task instance (what the API and UI show). */
  Instant taskStart(String dagId, String runId, String taskId) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select start_date from task_instance"
                    + " where dag_id = ? and run_id = ? and task_id = ? and map_index = -1")) {
      s.setString(1, dagId);
      s.setString(2, runId);
      s.setString(3, taskId);
      try (var rs = s.executeQuery()) {
        if (!rs.next() || rs.getObject(1) == null) {
          return null;
        }
        return rs.getObject(1, OffsetDateTime.class).toInstant();
      }
    }
  }

  /** The XCom (return value, JSON) an unmapped task instance recorded; null when none. */
  String xcom(String dagId, String runId, String taskId) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select xcom::text from task_instance"
                    + " where dag_id = ? and run_id = ? and task_id = ? and map_index = -1")) {
      s.setString(1, dagId);
      s.setString(2, runId);
      s.setString(3, taskId);
      try (var rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** How many task instances of the run ended in {@code state}. */
  int countInState(String dagId, String runId, String state) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from task_instance where dag_id = ? and run_id = ? and state = ?")) {
      s.setString(1, dagId);
      s.setString(2, runId);
      s.setString(3, state);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  @Override
  public void close() {
    pool.close();
  }
}
