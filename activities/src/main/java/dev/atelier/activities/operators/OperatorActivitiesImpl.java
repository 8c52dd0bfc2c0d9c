package dev.atelier.activities.operators;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.datasets.BadDatasetException;
import dev.atelier.activities.datasets.BucketMirror;
import dev.atelier.activities.datasets.DatasetScanner;
import dev.atelier.activities.datasets.DatasetVersion;
import dev.atelier.activities.datasets.FolderSource;
import dev.atelier.activities.datasets.ManifestReader;
import dev.atelier.activities.datasets.S3Location;
import dev.atelier.activities.datasets.S3Settings;
import dev.atelier.activities.datasets.S3Source;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.MlflowRuns;
import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.data.DataRoots;
import dev.atelier.workflows.data.InvalidDatasetRefException;
import dev.atelier.workflows.data.ResolvedDataset;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;

/**
 * PrepareDataset and PickBest. PrepareDataset resolves its folder through the data roots for the
 * configured launcher before it scans, so a folder outside them is refused as the run's trigger
 * refuses it, and hands the trials the reference their launcher reads.
 */
public final class OperatorActivitiesImpl implements OperatorActivities {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_IMAGE_SIZE = 32;
  private static final String PATH_FIELD = "dataset.path";
  private static final String S3_SCHEME = "s3://";
  private final MlflowClient mlflow;
  private final DataRoots dataRoots;
  private final String launcher;
  private final S3Settings s3;
  private final BucketMirror mirror;

  /** Without data roots, for local trials: any folder the worker can read. */
  public OperatorActivitiesImpl(MlflowClient mlflow) {
    this(mlflow, DataRoots.unset(), "local");
  }

  public OperatorActivitiesImpl(MlflowClient mlflow, DataRoots dataRoots, String launcher) {
    this(mlflow, dataRoots, launcher, null, null);
  }

  /**
   * @param s3 the S3-compatible server {@code s3://} datasets are read from; null for none
   * @param mirror where a bucket prefix is copied for local trials to read; null for none
   */
  public OperatorActivitiesImpl(
      MlflowClient mlflow,
      DataRoots dataRoots,
      String launcher,
      S3Settings s3,
      BucketMirror mirror) {
    this.mlflow = mlflow;
    this.dataRoots = dataRoots;
    this.launcher = launcher;
    this.s3 = s3;
    this.mirror = mirror;
  }

  /**
   * The XCom: {@code path}, the reference trials read ({@code pvc://<claim>/<path>} for Kubernetes
   * trials of a dataset on a claim, else the worker's folder); {@code local_path}, the folder
   * scanned; {@code image_count}, {@code fingerprint}, {@code image_size}.
   */
  @Override
  public Map<String, Object> prepareDataset(TaskCall call) {
    Object path = arg(call, "path");
    if (!(path instanceof String p) || p.isBlank()) {
      throw badInput(PATH_FIELD + ": " + quoted(path) + " must be a folder path", "BadDataset");
    }
    int imageSize = imageSize(arg(call, "image_size"));
    if (p.startsWith(S3_SCHEME)) {
      return prepareBucket(p, imageSize);
    }
    ResolvedDataset dataset;
    DatasetVersion version;
    try {
      dataset = dataRoots.resolve(PATH_FIELD, p, launcher);
      version =
          DatasetScanner.scan(
              dataset.scanPath(PATH_FIELD), image -> dataset.requireInside(PATH_FIELD, image));
    } catch (InvalidDatasetRefException | BadDatasetException e) {
      throw badInput(e.getMessage(), "BadDataset");
    }
    Map<String, Object> xcom = new LinkedHashMap<>();
    xcom.put("path", dataset.trialPath());
    xcom.put("local_path", version.path());
    xcom.put("image_count", version.imageCount());
    // The content digest a dataset version has (SHA-256 per file, one over the manifest), so the
    // run's fingerprint and the datasets page name the same version the same way.
    xcom.put(
        "fingerprint",
        ManifestReader.read(new FolderSource(java.nio.file.Path.of(version.path()))).digest());
    xcom.put("image_size", imageSize);
    return xcom;
  }

  /**
   * A bucket prefix ({@code s3://bucket/prefix}): its images are copied to this worker's mirror
   * ({@link BucketMirror}) and the trials read that folder; {@code source_uri} keeps the bucket's
   * URI and {@code fingerprint} the content digest, so lineage names the bucket's version.
   */
  private Map<String, Object> prepareBucket(String uri, int imageSize) {
    if (s3 == null || mirror == null) {
      throw badInput(
          PATH_FIELD
              + ": '"
              + uri
              + "' is in a bucket, but this worker has no S3 server"
              + " (ATELIER_S3_ENDPOINT and its keys)",
          "BadDataset");
    }
    if (!"local".equals(launcher)) {
      throw badInput(
          PATH_FIELD
              + ": '"
              + uri
              + "' is in a bucket: bucket datasets are copied to this worker's"
              + " disk, which only local trials read (ATELIER_LAUNCHER=local); give Kubernetes"
              + " trials a pvc:// folder",
          "BadDataset");
    }
    BucketMirror.Mirrored copy;
    try (var client = s3.client()) {
      copy = mirror.mirror(new S3Source(client, S3Location.parse(PATH_FIELD, uri)));
    } catch (BadDatasetException e) {
      throw badInput(e.getMessage(), "BadDataset");
    }
    Map<String, Object> xcom = new LinkedHashMap<>();
    xcom.put("path", copy.folder().toString());
    xcom.put("local_path", copy.folder().toString());
    xcom.put("image_count", copy.files());
    xcom.put("fingerprint", copy.digest());
    xcom.put("image_size", imageSize);
    xcom.put("source_uri", uri);
    return xcom;
  }

  @Override
  public Map<String, Object> pickBest(TaskCall call) {
    String from = String.valueOf(arg(call, "from"));
    String metric = String.valueOf(arg(call, "metric"));
    String mode = arg(call, "mode") == null ? "min" : String.valueOf(arg(call, "mode"));
    if (!BestTrial.MODES.contains(mode)) {
      throw badInput(
          "pick_best.mode: '" + mode + "' is not one of " + BestTrial.MODES, "BadArgument");
    }
    Object upstream = call.upstream() == null ? null : call.upstream().get(from);
    if (!(upstream instanceof List<?> items)) {
      throw badInput(
          "pick_best.from: '" + from + "' is not a mapped upstream task of " + call.taskId(),
          "BadArgument");
    }
    // Temporal hands XComs over as JSON-shaped maps; read them back as the record they were.
    List<TrialOutcome> trials =
        SweepObjectiveValues.asTheSweepJudges(
            mlflow,
            items.stream().map(item -> JSON.convertValue(item, TrialOutcome.class)).toList(),
            metric,
            mode);
    TrialOutcome best =
        BestTrial.pick(trials, metric, mode)
            .orElseThrow(
                () ->
                    badInput(
                        "pick_best: no successful trial of '"
                            + from
                            + "' reported metric '"
                            + metric
                            + "'",
                        "NoSuccessfulTrial"));
    double value = best.metrics().get(metric);
    tagParentRun(best.mlflowRunId());
    Map<String, Object> xcom = new LinkedHashMap<>();
    xcom.put("mlflow_run_id", best.mlflowRunId());
    xcom.put("map_index", best.mapIndex());
    xcom.put("metric", metric);
    xcom.put("mode", mode); // a review ranks its candidates the same way
    xcom.put("value", value);
    return xcom;
  }

  /** Marks the sweep's parent run with its winner, so MLflow's UI shows it without Atelier. */
  private void tagParentRun(String bestRunId) {
    if (bestRunId == null) {
      return;
    }
    Optional<String> parent = MlflowRuns.tag(mlflow.getRun(bestRunId), AtelierTags.PARENT_RUN_ID);
    parent.ifPresent(p -> mlflow.setTag(p, AtelierTags.BEST_RUN_ID, bestRunId));
  }

  private static int imageSize(Object raw) {
    if (raw == null) {
      return DEFAULT_IMAGE_SIZE;
    }
    if (raw instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && n.intValue() >= 1) {
      return n.intValue();
    }
    throw badInput(
        "dataset.image_size: " + quoted(raw) + " must be a positive integer", "BadDataset");
  }

  private static Object arg(TaskCall call, String name) {
    return call.args() == null ? null : call.args().get(name);
  }

  private static String quoted(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }

  private static ApplicationFailure badInput(String message, String type) {
    return ApplicationFailure.newNonRetryableFailure(message, type);
  }
}
