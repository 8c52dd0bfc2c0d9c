package dev.atelier.activities;

import java.net.URI;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.mlflow.tracking.MlflowClient;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

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

  /**
   * The S3-compatible server of the profile (README.md, "S3"), signed in with the given keys;
   * region {@code ATELIER_S3_REGION}, else us-east-1. Path style: the endpoint is an address, so
   * buckets cannot be host names.
   */
  public static S3Client s3(String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(URI.create(env("ATELIER_S3_ENDPOINT")))
        .region(
            Region.of(Objects.requireNonNullElse(System.getenv("ATELIER_S3_REGION"), "us-east-1")))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .forcePathStyle(true)
        .build();
  }

  /** The S3 server signed in with the keys {@code ./atelier} exported. */
  public static S3Client s3() {
    return s3(env("ATELIER_S3_ACCESS_KEY"), env("ATELIER_S3_SECRET_KEY"));
  }
}
