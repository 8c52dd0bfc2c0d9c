package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.service.ArtifactPaths;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The pages' artifact proxy over a real MLflow run: a grid comes from memory with its ETag, a
 * larger allowed file is streamed through whole with MLflow's ETag, and one over {@code
 * atelier.artifacts.max-bytes} (32 MiB) is refused naming the path and the limit.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactProxyTest {
  private static final long MIB = 1024 * 1024;

  private final MlflowFixture mlflow = new MlflowFixture();
  private String runId;
  private String root;

  @BeforeAll
  void aRunWithAGridAndTwoLargeFiles() throws Exception {
    runId = mlflow.trialRun("emoji_dcgan_sweep", MlflowFixture.uniqueRunId("test_proxy"), 0, 10, 5);
    root = ArtifactPaths.proxyRoot(mlflow.client.getRun(runId).getInfo().getArtifactUri()).get();
    mlflow.put(root, "reports/medium.json", json(3 * MIB));
    mlflow.put(root, "reports/huge.json", json(40 * MIB));
  }

  @AfterAll
  void removeTheLargeFiles() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : new String[] {"reports/medium.json", "reports/huge.json"}) {
      http.send(
          HttpRequest.newBuilder(
                  URI.create(
                      mlflow.trackingUri
                          + "/api/2.0/mlflow-artifacts/artifacts/"
                          + root
                          + "/"
                          + path))
              .DELETE()
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  @Test
  void artifact_overTheCap_is400NamingThePathAndTheLimit() {
    Api.asAdmin()
        .get(artifact("reports/huge.json"))
        .then()
        .statusCode(400)
        .body(
            "detail",
            equalTo(
                "path: 'reports/huge.json' is 41943040 bytes, more than the 33554432 bytes the"
                    + " pages' artifact proxy serves (atelier.artifacts.max-bytes); fetch it from"
                    + " MLflow"));
  }

  @Test
  void artifact_largerThanTheCacheKeeps_isStreamedWholeWithMlflowsEtag() throws Exception {
    var r =
        Api.asAdmin()
            .get(artifact("reports/medium.json"))
            .then()
            .statusCode(200)
            .contentType("application/json")
            .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
            .extract();
    assertArrayEquals(json(3 * MIB), r.asByteArray());
    String etag = r.header("ETag");
    assertNotNull(etag, "a streamed artifact still has an ETag to revalidate with");
    Api.asAdmin()
        .header("If-None-Match", etag)
        .get(artifact("reports/medium.json"))
        .then()
        .statusCode(304);
  }

  @Test
  void artifact_aGrid_isServedFromMemoryWithItsContentEtag() throws Exception {
    var r =
        Api.asAdmin()
            .get(artifact("samples/step_0000005.png"))
            .then()
            .statusCode(200)
            .contentType("image/png")
            .extract();
    assertArrayEquals(MlflowFixture.png(5), r.asByteArray());
    String etag = r.header("ETag");
    assertEquals(34, etag.length(), "a strong ETag of the content's hash: " + etag);
    Api.asAdmin()
        .header("If-None-Match", etag)
        .get(artifact("samples/step_0000005.png"))
        .then()
        .statusCode(304);
  }

  private String artifact(String path) {
    return "/api/atelier/runs/" + runId + "/artifacts/" + path;
  }

  /** A JSON array of {@code bytes} bytes: ["aaaa…"]. */
  private static byte[] json(long bytes) {
    byte[] out = new byte[(int) bytes];
    Arrays.fill(out, (byte) 'a');
    byte[] open = "[\"".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(open, 0, out, 0, open.length);
    out[out.length - 2] = '"';
    out[out.length - 1] = ']';
    return out;
  }
}
