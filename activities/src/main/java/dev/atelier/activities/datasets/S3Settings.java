package dev.atelier.activities.datasets;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How the app reaches its S3-compatible server (the app's config, not per source): endpoint, region
 * and keys. Requests are path-style ({@code endpoint/bucket/key}), since the endpoint is an address
 * that bucket names cannot be prefixed to.
 */
public record S3Settings(String endpoint, String region, String accessKey, String secretKey) {
  @Override
  public String toString() {
    return "S3Settings[endpoint="
        + endpoint
        + ", region="
        + region
        + ", accessKey="
        + accessKey
        + "]";
  }

  /** A client of the AWS SDK for Java v2 (its synchronous S3Client); the caller closes it. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .forcePathStyle(true)
        .build();
  }
}
