package dev.atelier.ui.service;

import dev.atelier.activities.datasets.BadDatasetException;
import dev.atelier.activities.datasets.S3Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The app's S3-compatible server, for dataset sources in a bucket: {@code atelier.s3.endpoint},
 * {@code region}, {@code access-key}, {@code secret-key} (from {@code ATELIER_S3_*}). One client of
 * the AWS SDK for Java v2, made on first use and closed at shutdown; none while the endpoint is
 * unset.
 */
@ApplicationScoped
public class S3Connection {
  static final String UNSET =
      "no S3 server is configured: set ATELIER_S3_ENDPOINT, ATELIER_S3_ACCESS_KEY and"
          + " ATELIER_S3_SECRET_KEY (atelier.s3.*) and restart the app";

  private final Optional<S3Settings> settings;
  private S3Client client;

  S3Connection(
      @ConfigProperty(name = "atelier.s3.endpoint") Optional<String> endpoint,
      @ConfigProperty(name = "atelier.s3.region", defaultValue = "us-east-1") String region,
      @ConfigProperty(name = "atelier.s3.access-key") Optional<String> accessKey,
      @ConfigProperty(name = "atelier.s3.secret-key") Optional<String> secretKey) {
    this.settings =
        endpoint.map(e -> new S3Settings(e, region, accessKey.orElse(""), secretKey.orElse("")));
  }

  public boolean configured() {
    return settings.isPresent();
  }

  /**
   * @param field the request field or source column a missing server is reported under
   * @throws BadDatasetException when no S3 server is configured
   */
  public synchronized S3Client client(String field, String uri) {
    if (settings.isEmpty()) {
      throw new BadDatasetException(field + ": '" + uri + "' is in a bucket, but " + UNSET);
    }
    if (client == null) {
      client = settings.get().client();
    }
    return client;
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
