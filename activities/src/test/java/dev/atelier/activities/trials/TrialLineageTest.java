package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.Services;
import dev.atelier.activities.datasets.FolderSource;
import dev.atelier.activities.datasets.ManifestReader;
import dev.atelier.activities.datasets.TestImages;
import dev.atelier.activities.datasets.TrialDatasets;
import dev.atelier.activities.jobs.LocalProcessJobLauncher;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.persistence.TryPhases;
import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;

/**
 * Lineage: a trial's new MLflow run carries its dataset as an MLflow dataset input and as tags,
 * read back through MLflow's REST {@code runs/get} as any MLflow client sees it. A registered
 * source's latest version is named; a folder no source watches gets its digest computed at launch.
 * A bash script plays the trainer.
 */
class TrialLineageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "manual__2026-12-07T09:00:00+00:00";
  private final MlflowClient mlflow = Services.mlflow();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String dagId = "test_lineage_" + suffix;
  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  @TempDir Path workDir;
  @TempDir Path data;

  @AfterEach
  void close() {
    temporal.close();
  }

  private TrialActivities trials(TrialDatasets datasets) {
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
            datasets));
    return temporal.newActivityStub(
        TrialActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private TrialRequest request(int mapIndex, Path dataset) {
    return new TrialRequest(
        dagId,
        RUN,
        "train",
        mapIndex,
        null,
        null,
        Map.of("steps", 1),
        Map.of("path", dataset.toString(), "image_size", 32),
        1234,
        0,
        Map.of());
  }

  /** The run as MLflow's REST API answers {@code runs/get}. */
  private JsonNode run(TrialHandle handle) throws Exception {
    return JSON.readTree(mlflow.sendGet("runs/get?run_id=" + handle.mlflowRunId())).path("run");
  }

  private static Map<String, String> tags(JsonNode run) {
    Map<String, String> tags = new HashMap<>();
    run.path("data")
        .path("tags")
        .forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
    return tags;
  }

  @Test
  void launchTrial_folderNoSourceWatches_runHasTheDigestComputedAtLaunch() throws Exception {
    Path folder = data.resolve("sprites");
    TestImages.png(folder.resolve("cats/a.png"), 1, 32);
    TestImages.png(folder.resolve("cats/b.png"), 2, 32);
    TestImages.png(folder.resolve("dogs/c.png"), 3, 32);
    String digest = ManifestReader.read(new FolderSource(folder)).digest();

    TrialHandle handle = trials(TrialDatasets.onTheSpot()).launchTrial(request(0, folder));

    JsonNode run = run(handle);
    JsonNode input = run.path("inputs").path("dataset_inputs").path(0);
    JsonNode dataset = input.path("dataset");
    assertEquals("sprites", dataset.path("name").asText());
    assertEquals(digest.substring(0, 36), dataset.path("digest").asText(), "MLflow keeps 36");
    assertEquals("local", dataset.path("source_type").asText());
    assertEquals(
        folder.toUri().toString().replaceAll("/$", ""),
        JSON.readTree(dataset.path("source").asText()).path("uri").asText());
    JsonNode profile = JSON.readTree(dataset.path("profile").asText());
    assertEquals(3, profile.path("files").asInt());
    assertEquals(2, profile.path("classes").path("cats").asInt());
    assertEquals("training", input.path("tags").path(0).path("value").asText());
    Map<String, String> tags = tags(run);
    assertEquals(digest, tags.get(AtelierTags.DATASET_DIGEST), "the full digest in the tag");
    assertEquals("sprites", tags.get(AtelierTags.DATASET_NAME));
    assertFalse(tags.containsKey(AtelierTags.DATASET_VERSION), "no source, no version");
  }

  @Test
  void launchTrial_folderInsideAWatchedSource_runNamesTheSourcesLatestVersion() throws Exception {
    DataSource db = Services.migratedDatabase();
    Path root = data.resolve("watched");
    Path sub = root.resolve("cats");
    TestImages.png(sub.resolve("a.png"), 1, 32);
    String name = "lineage-" + suffix;
    String latest = "b".repeat(64);
    long sourceId;
    try (Connection c = db.getConnection()) {
      long datasetId =
          insert(c, "insert into dataset (uri) values (?) returning id", "atelier://" + name);
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into dataset_source (name, kind, uri, dataset_id) values (?, 'folder', ?, ?)"
                  + " returning id")) {
        s.setString(1, name);
        s.setString(2, root.toUri().toString().replaceAll("/$", ""));
        s.setLong(3, datasetId);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          sourceId = rs.getLong(1);
        }
      }
      version(c, sourceId, 1, "a".repeat(64), 40);
      version(c, sourceId, 2, latest, 41);
    }
    try {
      TrialHandle handle = trials(new TrialDatasets(db)).launchTrial(request(1, sub));

      JsonNode run = run(handle);
      JsonNode dataset = run.path("inputs").path("dataset_inputs").path(0).path("dataset");
      assertEquals(name, dataset.path("name").asText());
      assertEquals(latest.substring(0, 36), dataset.path("digest").asText());
      JsonNode profile = JSON.readTree(dataset.path("profile").asText());
      assertEquals(2, profile.path("version").asInt());
      assertEquals(41, profile.path("files").asInt());
      Map<String, String> tags = tags(run);
      assertEquals("2", tags.get(AtelierTags.DATASET_VERSION));
      assertEquals(latest, tags.get(AtelierTags.DATASET_DIGEST));
    } finally {
      try (Connection c = db.getConnection();
          PreparedStatement s = c.prepareStatement("delete from dataset_source where id = ?");
          PreparedStatement d = c.prepareStatement("delete from dataset where uri = ?")) {
        s.setLong(1, sourceId);
        s.executeUpdate();
        d.setString(1, "atelier://" + name);
        d.executeUpdate();
      }
    }
  }

  private static long insert(Connection c, String sql, String value) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, value);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * A Kubernetes trial's dataset on a claim the worker mounts too: lineage reads the worker's
   * folder for it (prepare_dataset's {@code local_path}); without that mount there is none.
   */
  @Test
  void open_aDatasetOnAClaimTheWorkerMounts_isRecordedFromTheWorkersFolder() throws Exception {
    Path mount = data.resolve("claim-mount");
    TestImages.png(mount.resolve("faces/a.png"), 4, 32);
    TestImages.png(mount.resolve("faces/b.png"), 5, 32);
    String digest = ManifestReader.read(new FolderSource(mount)).digest();
    TrialRuns runs =
        new TrialRuns(mlflow, TrialDatasets.onTheSpot(), Services.env("ATELIER_MLFLOW_URI"));
    TrialRequest onClaim =
        new TrialRequest(
            dagId,
            RUN,
            "train",
            7,
            null,
            null,
            Map.of("steps", 1),
            Map.of(
                "path", "pvc://datasets/faces", "local_path", mount.toString(), "image_size", 32),
            1234,
            0,
            Map.of());

    String runId = runs.open(onClaim).runId();

    JsonNode run = JSON.readTree(mlflow.sendGet("runs/get?run_id=" + runId)).path("run");
    assertEquals(digest, tags(run).get(AtelierTags.DATASET_DIGEST));

    TrialRequest unmounted =
        new TrialRequest(
            dagId,
            RUN,
            "train",
            8,
            null,
            null,
            Map.of("steps", 1),
            Map.of("path", "pvc://datasets/faces", "image_size", 32),
            1234,
            0,
            Map.of());
    String bare = runs.open(unmounted).runId();
    JsonNode none = JSON.readTree(mlflow.sendGet("runs/get?run_id=" + bare)).path("run");
    assertFalse(tags(none).containsKey(AtelierTags.DATASET_DIGEST), "no mount, no lineage");
  }

  private static void version(Connection c, long sourceId, int number, String digest, int files)
      throws Exception {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into dataset_version (source_id, number, digest, file_count, bytes, classes,"
                + " added_count, removed_count, modified_count)"
                + " values (?, ?, ?, ?, 1000, '{\"cats\": 1}', 0, 0, 0)")) {
      s.setLong(1, sourceId);
      s.setInt(2, number);
      s.setString(3, digest);
      s.setInt(4, files);
      s.executeUpdate();
    }
  }
}
