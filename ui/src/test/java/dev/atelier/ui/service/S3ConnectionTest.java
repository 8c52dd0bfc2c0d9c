package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.activities.datasets.BadDatasetException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without an endpoint the app has no bucket sources, and says which settings give it one. */
class S3ConnectionTest {
  @Test
  void client_noEndpoint_refusedNamingTheFieldAndTheSettings() {
    S3Connection none =
        new S3Connection(Optional.empty(), "us-east-1", Optional.empty(), Optional.empty());

    var e = assertThrows(BadDatasetException.class, () -> none.client("uri", "s3://emoji/faces"));

    assertFalse(none.configured());
    assertEquals(
        "uri: 's3://emoji/faces' is in a bucket, but no S3 server is configured: set"
            + " ATELIER_S3_ENDPOINT, ATELIER_S3_ACCESS_KEY and ATELIER_S3_SECRET_KEY"
            + " (atelier.s3.*) and restart the app",
        e.getMessage());
  }
}
