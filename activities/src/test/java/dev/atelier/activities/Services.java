package dev.atelier.activities;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.mlflow.tracking.MlflowClient;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real services integration tests talk to, found through the environment {@code ./atelier test}
 * exports. A missing variable fails the test with what to do, never skips it silently.
 */
public final class Services {
  private Services() {}

  public static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name
              + " is not set: this integration test needs the real service. Run ./atelier test,"
              + " or start the services with `./atelier services test` and export what it"
              + " prints.");
    }
    return value;
  }

  public static MlflowClient mlflow() {
    return new MlflowClient(env("ATELIER_MLFLOW_URI"));
  }

  /** PostgreSQL with the schema migrated by the same Flyway scripts the app runs at start. */
  public static DataSource migratedDatabase() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(env("ATELIER_DB_URL"));
    ds.setUser(env("ATELIER_DB_USER"));
    ds.setPassword(Objects.requireNonNullElse(System.getenv("ATELIER_DB_PASSWORD"), ""));
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }
}
