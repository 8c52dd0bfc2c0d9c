package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.Services;
import dev.atelier.activities.datasets.FolderSource;
import dev.atelier.activities.datasets.Manifest;
import dev.atelier.activities.datasets.ManifestReader;
import dev.atelier.activities.datasets.TestImages;
import dev.atelier.activities.datasets.TrialDatasets;
import dev.atelier.activities.jobs.LocalProcessJobLauncher;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.CurationArtifacts;
import dev.atelier.activities.persistence.TryPhases;
import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;

/**
 * A trial on a registered source's version: its new MLflow run carries the version's curation
 * report ({@code dataset/curation.json}, {@code dataset/curation.png}, read back from the real
 * tracking server), and with {@code exclude_duplicates} the trial's folder gets {@code exclude.txt}
 * naming the extra copy and the near duplicate, which its spec points the trainer at. A bash script
 * plays the trainer.
 *
 * <pre>
 * watched/cats/c1.png  c1copy.png (= c1)  c2.png  c2near.png (c2, one pixel off)  c3.png  c4.png
 * watched/dogs/d1.png  d2.png  tiny.png (8 px)  broken.png (not an image)
 * watched/birds/b1.png                                   (a class of 1, below 2)
 * </pre>
 */
class TrialCurationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "manual__2026-12-08T09:00:00+00:00";
  private final MlflowClient mlflow = Services.mlflow();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String dagId = "test_curation_" + suffix;
  private final String name = "curated-" + suffix;
  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  private final DataSource db = Services.migratedDatabase();
  @TempDir Path workDir;
  @TempDir Path data;
  private Path root;
  private long sourceId;

  @BeforeEach
  void source() throws Exception {
    root = data.resolve("watched");
    for (int i = 1; i <= 4; i++) {
      TestImages.png(root.resolve("cats/c" + i + ".png"), i, 64);
    }
    Files.copy(root.resolve("cats/c1.png"), root.resolve("cats/c1copy.png"));
    BufferedImage near = ImageIO.read(root.resolve("cats/c2.png").toFile());
    near.setRGB(0, 0, near.getRGB(0, 0) ^ 0x010101);
    ImageIO.write(near, "png", root.resolve("cats/c2near.png").toFile());
    TestImages.png(root.resolve("dogs/d1.png"), 10, 64);
    TestImages.png(root.resolve("dogs/d2.png"), 11, 64);
    TestImages.png(root.resolve("dogs/tiny.png"), 12, 8);
    Files.writeString(root.resolve("dogs/broken.png"), "not an image");
    TestImages.png(root.resolve("birds/b1.png"), 20, 64);
  }

  @AfterEach
  void close() throws Exception {
    temporal.close();
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("delete from dataset_source where id = ?");
        PreparedStatement d = c.prepareStatement("delete from dataset where uri = ?")) {
      s.setLong(1, sourceId);
      s.executeUpdate();
      d.setString(1, "atelier://" + name);
      d.executeUpdate();
    }
  }

  @Test
  void launchTrial_sourceExcludesDuplicates_runHasTheReportAndTheTrainerSkipsTheCopies()
      throws Exception {
    register(true, false);

    TrialHandle handle = trials().launchTrial(request(root));

    // The folder and the spec: what the trainer will leave out.
    Path dir = Path.of(handle.workDir());
    assertEquals(
        List.of("cats/c1copy.png", "cats/c2near.png"),
        Files.readAllLines(dir.resolve("exclude.txt")));
    JsonNode spec = JSON.readTree(dir.resolve("spec.json").toFile());
    assertEquals(
        dir.resolve("exclude.txt").toString(), spec.path("dataset").path("exclude_file").asText());

    // The run: the count, the report as JSON, the contact sheet as PNG.
    String runId = handle.mlflowRunId();
    assertEquals("2", tag(runId, CurationArtifacts.EXCLUDED_TAG));
    assertEquals("1", tag(runId, AtelierTags.DATASET_VERSION));
    JsonNode report = JSON.readTree(artifact(runId, CurationArtifacts.JSON_PATH));
    assertEquals(name, report.path("dataset").asText());
    JsonNode counts = report.path("counts");
    assertEquals(1, counts.path("unreadable").asInt());
    assertEquals(1, counts.path("too_small").asInt());
    assertEquals(1, counts.path("exact_duplicates").asInt());
    assertEquals(1, counts.path("near_duplicates").asInt());
    assertEquals(1, counts.path("small_classes").asInt());
    assertEquals(
        List.of("cats/c1.png", "cats/c1copy.png"),
        JSON.convertValue(report.path("exact_duplicates").path(0), List.class));
    JsonNode near = report.path("near_duplicates").path(0);
    assertEquals("cats/c2near.png", near.path("path").asText());
    assertEquals("cats/c2.png", near.path("of").asText());
    List<String> rejected = new ArrayList<>();
    report.path("rejected").forEach(r -> rejected.add(r.path("path").asText()));
    assertEquals(List.of("dogs/broken.png", "dogs/tiny.png"), rejected);
    assertTrue(
        report.path("rejected").path(1).path("reason").asText().startsWith("too small: 8×8"),
        report.toString());
    assertEquals(1, report.path("small_classes").path("birds").asInt());
    byte[] png = artifact(runId, CurationArtifacts.PNG_PATH);
    BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(870, sheet.getWidth(), "eight thumbnails a row");
    assertTrue(sheet.getHeight() > 400, "five sections with thumbnails: " + sheet.getHeight());
    Path keep = Path.of(System.getProperty("java.io.tmpdir"), "atelier-curation-sheet.png");
    Files.write(keep, png); // For a person to look at.
  }

  @Test
  void relaunch_ofAnInterruptedTry_keepsWhatTheFirstLaunchWrote() throws Exception {
    register(true, false);
    TrialActivities trials = trials();
    TrialHandle first = trials.launchTrial(request(root));
    String runId = first.mlflowRunId();
    // The try was interrupted; meanwhile a lead turns exclude_rejects on as well.
    mlflow.setTag(runId, AtelierTags.STATUS, "INTERRUPTED");
    mlflow.setTerminated(runId, org.mlflow.api.proto.Service.RunStatus.KILLED);
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("update dataset_source set exclude_rejects = true where id = ?")) {
      s.setLong(1, sourceId);
      s.executeUpdate();
    }

    TrialHandle second = trials.launchTrial(request(root));

    assertEquals(runId, second.mlflowRunId(), "the same run goes on");
    assertEquals(
        List.of("cats/c1copy.png", "cats/c2near.png"),
        Files.readAllLines(Path.of(second.workDir()).resolve("exclude.txt")),
        "the first launch's list: the run trains on one set of files");
    assertEquals("2", tag(runId, CurationArtifacts.EXCLUDED_TAG));
  }

  @Test
  void launchTrial_sourceWithoutExclusions_noExcludeFileButTheReportIsThere() throws Exception {
    register(false, false);

    TrialHandle handle = trials().launchTrial(request(root.resolve("cats")));

    Path dir = Path.of(handle.workDir());
    assertFalse(Files.exists(dir.resolve("exclude.txt")));
    JsonNode spec = JSON.readTree(dir.resolve("spec.json").toFile());
    assertTrue(spec.path("dataset").path("exclude_file").isMissingNode());
    assertEquals("0", tag(handle.mlflowRunId(), CurationArtifacts.EXCLUDED_TAG));
    JsonNode report = JSON.readTree(artifact(handle.mlflowRunId(), CurationArtifacts.JSON_PATH));
    assertEquals(0, report.path("excluded").size());
  }

  @Test
  void launchTrial_onAClassFolderExcludingRejects_pathsAreRelativeToTheTrialsFolder()
      throws Exception {
    register(false, true);

    TrialHandle handle = trials().launchTrial(request(root.resolve("dogs")));

    assertEquals(
        List.of("broken.png", "tiny.png"),
        Files.readAllLines(Path.of(handle.workDir()).resolve("exclude.txt")));
  }

  private void register(boolean excludeDuplicates, boolean excludeRejects) throws Exception {
    Manifest manifest = ManifestReader.read(new FolderSource(root));
    try (Connection c = db.getConnection()) {
      long datasetId;
      try (PreparedStatement s =
          c.prepareStatement("insert into dataset (uri) values (?) returning id")) {
        s.setString(1, "atelier://" + name);
        datasetId = one(s);
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into dataset_source (name, kind, uri, dataset_id, min_image_size,"
                  + " min_class_size, near_dup_distance, exclude_duplicates, exclude_rejects)"
                  + " values (?, 'folder', ?, ?, 16, 2, 4, ?, ?) returning id")) {
        s.setString(1, name);
        s.setString(2, root.toUri().toString().replaceAll("/$", ""));
        s.setLong(3, datasetId);
        s.setBoolean(4, excludeDuplicates);
        s.setBoolean(5, excludeRejects);
        sourceId = one(s);
      }
      long versionId;
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into dataset_version (source_id, number, digest, file_count, bytes,"
                  + " classes, added_count, removed_count, modified_count)"
                  + " values (?, 1, ?, ?, ?, ?::jsonb, 0, 0, 0) returning id")) {
        s.setLong(1, sourceId);
        s.setString(2, manifest.digest());
        s.setInt(3, manifest.files().size());
        s.setLong(4, manifest.bytes());
        s.setString(5, JSON.writeValueAsString(manifest.classes()));
        versionId = one(s);
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into dataset_version_manifest (version_id, files) values (?, ?::jsonb)")) {
        s.setLong(1, versionId);
        s.setString(2, JSON.writeValueAsString(manifest.files()));
        s.executeUpdate();
      }
    }
  }

  private static long one(PreparedStatement s) throws Exception {
    try (ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private TrialActivities trials() {
    temporal.registerActivitiesImplementations(
        new TrialActivitiesImpl(
            mlflow,
            new LocalProcessJobLauncher(workDir, Duration.ofSeconds(5)),
            TrialJobSettings.local(List.of("bash", "-c", "exit 0", "fake-trainer"), Map.of()),
            workDir,
            Services.env("ATELIER_MLFLOW_URI"),
            OptionalInt.of(1),
            Duration.ofMillis(100),
            TryPhases.NONE,
            SweepReports.NONE,
            new TrialDatasets(db)));
    return temporal.newActivityStub(
        TrialActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private TrialRequest request(Path dataset) {
    return new TrialRequest(
        dagId,
        RUN,
        "train",
        0,
        null,
        null,
        Map.of("steps", 1),
        Map.of("path", dataset.toString(), "image_size", 32),
        1234,
        0,
        Map.of());
  }

  private String tag(String runId, String key) {
    return mlflow.getRun(runId).getData().getTagsList().stream()
        .filter(t -> t.getKey().equals(key))
        .map(t -> t.getValue())
        .findFirst()
        .orElse(null);
  }

  /** A run's artifact as the tracking server serves it ({@code get-artifact}). */
  private static byte[] artifact(String runId, String path) throws Exception {
    URI uri =
        URI.create(
            Services.env("ATELIER_MLFLOW_URI").replaceAll("/+$", "")
                + "/get-artifact?run_uuid="
                + runId
                + "&path="
                + URLEncoder.encode(path, StandardCharsets.UTF_8));
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
    return r.body();
  }
}
