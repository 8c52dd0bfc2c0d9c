package dev.atelier.activities.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.atelier.activities.Services;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3-compatible server {@code ./atelier test} starts (scripts/s3.sh) answers the AWS SDK for
 * Java v2 the way Amazon S3 does, for what a dataset source in a bucket needs: create a bucket, put
 * objects, list a prefix (keys, sizes, ETags, last-modified, pages, "folders") and read them back.
 *
 * <p>Skipped, with a message, where {@code ATELIER_S3_ENDPOINT} is unset, so a plain {@code mvn
 * test} without the server passes; in CI ({@code CI=true}) the variable missing fails it instead.
 */
class S3ServerTest {
  private static final byte[] FACE = "not really a PNG, 26 bytes".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WINK = new byte[70_000]; // more than one read buffer
  private static final byte[] NOTE = "other prefix".getBytes(StandardCharsets.UTF_8);

  static {
    for (int i = 0; i < WINK.length; i++) {
      WINK[i] = (byte) (i * 31);
    }
  }

  private final String bucket = "atelier-smoke-" + UUID.randomUUID().toString().substring(0, 8);
  private S3Client s3;

  /** Skips (or, in CI, fails) a test that has no server to talk to, saying how to get one. */
  private static void assumeServerConfigured() {
    String endpoint = System.getenv("ATELIER_S3_ENDPOINT");
    boolean set = endpoint != null && !endpoint.isBlank();
    String why =
        "ATELIER_S3_ENDPOINT is not set, so S3ServerTest has no S3 server to talk to."
            + " ./atelier test starts one and sets it (with ATELIER_S3_ACCESS_KEY,"
            + " ATELIER_S3_SECRET_KEY, ATELIER_S3_REGION); `./atelier services dev` prints them.";
    if (!set && "true".equals(System.getenv("CI"))) {
      fail(why);
    }
    assumeTrue(set, why);
  }

  @BeforeEach
  void createBucket() {
    assumeServerConfigured();
    s3 = Services.s3();
    s3.createBucket(b -> b.bucket(bucket));
  }

  @AfterEach
  void deleteBucket() {
    if (s3 == null) {
      return;
    }
    ListObjectsV2Response all = s3.listObjectsV2(r -> r.bucket(bucket));
    for (S3Object o : all.contents()) {
      s3.deleteObject(d -> d.bucket(bucket).key(o.key()));
    }
    s3.deleteBucket(d -> d.bucket(bucket));
    s3.close();
  }

  @Test
  void listObjectsV2_prefix_keysSizesEtagsAndTimesOfWhatWasPut() {
    Instant before = Instant.now().minus(Duration.ofSeconds(2));
    Map<String, String> putEtags = new LinkedHashMap<>();
    putEtags.put("faces/grin.png", put("faces/grin.png", FACE));
    putEtags.put("faces/more/wink.png", put("faces/more/wink.png", WINK));
    put("notes/readme.txt", NOTE);
    Instant after = Instant.now().plus(Duration.ofSeconds(2));

    ListObjectsV2Response listed = s3.listObjectsV2(r -> r.bucket(bucket).prefix("faces/"));

    assertEquals(
        List.of("faces/grin.png", "faces/more/wink.png"),
        listed.contents().stream().map(S3Object::key).toList(),
        "lexicographic order, the other prefix left out");
    assertEquals(2, listed.keyCount());
    assertFalse(listed.isTruncated());
    for (S3Object o : listed.contents()) {
      byte[] body = o.key().endsWith("grin.png") ? FACE : WINK;
      assertEquals(body.length, o.size(), o.key() + " size");
      assertEquals(quotedMd5(body), o.eTag(), o.key() + ": a single PUT's ETag is its MD5");
      assertEquals(putEtags.get(o.key()), o.eTag(), o.key() + ": the ETag PUT answered");
      assertTrue(
          o.lastModified().isAfter(before) && o.lastModified().isBefore(after),
          o.key() + " last modified " + o.lastModified() + " not within the test's PUTs");
    }
  }

  @Test
  void listObjectsV2_delimiter_foldersAsCommonPrefixes() {
    put("faces/grin.png", FACE);
    put("faces/more/wink.png", WINK);

    ListObjectsV2Response listed =
        s3.listObjectsV2(r -> r.bucket(bucket).prefix("faces/").delimiter("/"));

    assertEquals(List.of("faces/grin.png"), listed.contents().stream().map(S3Object::key).toList());
    assertEquals(
        List.of("faces/more/"),
        listed.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
  }

  @Test
  void listObjectsV2_maxKeys_pagesWithContinuationTokens() {
    put("faces/a.png", FACE);
    put("faces/b.png", FACE);
    put("faces/c.png", FACE);

    ListObjectsV2Response first = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(2));
    ListObjectsV2Response second =
        s3.listObjectsV2(
            r -> r.bucket(bucket).maxKeys(2).continuationToken(first.nextContinuationToken()));

    assertTrue(first.isTruncated());
    assertEquals(
        List.of("faces/a.png", "faces/b.png"),
        first.contents().stream().map(S3Object::key).toList());
    assertFalse(second.isTruncated());
    assertEquals(List.of("faces/c.png"), second.contents().stream().map(S3Object::key).toList());
  }

  @Test
  void getObject_put_sameBytesAndRanges() {
    String etag = put("faces/more/wink.png", WINK);

    var whole = s3.getObjectAsBytes(g -> g.bucket(bucket).key("faces/more/wink.png"));
    var range =
        s3.getObjectAsBytes(g -> g.bucket(bucket).key("faces/more/wink.png").range("bytes=10-19"));

    assertArrayEquals(WINK, whole.asByteArray());
    assertEquals(etag, whole.response().eTag());
    assertEquals((long) WINK.length, whole.response().contentLength());
    assertArrayEquals(Arrays.copyOfRange(WINK, 10, 20), range.asByteArray());
    assertEquals("bytes 10-19/" + WINK.length, range.response().contentRange());
  }

  @Test
  void getObject_missingKey_noSuchKey404() {
    var e =
        assertThrows(
            NoSuchKeyException.class,
            () -> s3.getObjectAsBytes(g -> g.bucket(bucket).key("gone.png")));

    assertEquals(404, e.statusCode());
  }

  @Test
  void listObjectsV2_wrongSecret_refused403() {
    put("faces/grin.png", FACE);
    try (S3Client stranger =
        Services.s3(System.getenv("ATELIER_S3_ACCESS_KEY"), "not-the-secret-key")) {
      var e = assertThrows(S3Exception.class, () -> stranger.listObjectsV2(r -> r.bucket(bucket)));

      assertEquals(403, e.statusCode());
      assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
    }
  }

  private String put(String key, byte[] body) {
    return s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(body)).eTag();
  }

  private static String quotedMd5(byte[] body) {
    try {
      return '"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
