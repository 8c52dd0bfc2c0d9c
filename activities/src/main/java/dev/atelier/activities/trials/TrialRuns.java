package dev.atelier.activities.trials;

import dev.atelier.activities.datasets.BadDatasetException;
import dev.atelier.activities.datasets.TrialDataset;
import dev.atelier.activities.datasets.TrialDatasets;
import dev.atelier.activities.datasets.VersionCuration;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.CurationArtifacts;
import dev.atelier.activities.mlflow.DatasetInputs;
import dev.atelier.activities.mlflow.MlflowRuns;
import dev.atelier.activities.mlflow.TrackingActivitiesImpl;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.data.DatasetRef;
import dev.atelier.workflows.data.InvalidDatasetRefException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;

/**
 * A trial's one MLflow child run across its tries, found by its tags (parent run, Dag, run, task,
 * map index). A launch takes, in this order: the run still RUNNING (the launch activity is retried
 * after it had opened it: same try), the latest run whose trial was INTERRUPTED or GONE (a
 * relaunch: it is set RUNNING again, so the trainer resumes from its checkpoint into the same
 * history), else a new run. The try number lives in the run ({@value AtelierTags#TRY_NUMBER}), so
 * it names the try's Job the same way on every worker. A new run's first try comes after every try
 * the trial had before (a cleared task instance runs again in the same Dag run): its Job name is
 * then new, and no launcher takes the old, finished Job or process for this try's.
 *
 * <p>A new run records the dataset version it trains on ({@link TrialDatasets}, {@link
 * DatasetInputs}) with the version's curation report ({@link CurationArtifacts}), and says which
 * files the source's exclusion flags leave out; a resumed one keeps what its first try recorded.
 */
final class TrialRuns {
  /** Trial statuses after which a relaunch continues the run rather than starting another. */
  static final Set<String> RESUMABLE =
      Set.of(TrialStatus.INTERRUPTED.name(), TrialStatus.GONE.name());

  /**
   * The run a launch logs to, and which try of it the launch is.
   *
   * @param exclude for a new run, the files of its dataset version the trial leaves out (relative
   *     to its folder; empty for none); null for a run that goes on (a retried launch or a resumed
   *     try), which keeps what the trial's folder holds from its first launch
   */
  record Opened(String runId, int tryNumber, List<String> exclude) {
    Opened(String runId, int tryNumber) {
      this(runId, tryNumber, null);
    }
  }

  /** What a new run records about its dataset, looked up before the run is made. */
  private record Lineage(TrialDataset dataset, Optional<VersionCuration> curation, Path folder) {
    List<String> exclude() {
      return curation.map(c -> c.excludedUnder(folder)).orElse(List.of());
    }
  }

  private static final System.Logger LOG = System.getLogger(TrialRuns.class.getName());

  private final MlflowClient mlflow;
  private final TrialDatasets datasets;
  private final String trackingUri;

  /**
   * @param trackingUri the tracking server, for the curation report's artifacts
   */
  TrialRuns(MlflowClient mlflow, TrialDatasets datasets, String trackingUri) {
    this.mlflow = mlflow;
    this.datasets = datasets;
    this.trackingUri = trackingUri;
  }

  Opened open(TrialRequest request) {
    String experiment =
        request.experimentName() == null || request.experimentName().isBlank()
            ? TrackingActivitiesImpl.experimentName(request.dagId())
            : request.experimentName();
    String experimentId = MlflowRuns.experimentId(mlflow, experiment);
    Map<String, String> tags = tags(request);
    List<Run> runs = MlflowRuns.findByTags(mlflow, experimentId, tags);
    Optional<Run> running = runs.stream().filter(MlflowRuns::isRunning).findFirst();
    if (running.isPresent()) {
      return new Opened(running.get().getInfo().getRunId(), tryNumber(running.get()));
    }
    Optional<Run> resumable =
        runs.stream()
            .filter(
                r -> MlflowRuns.tag(r, AtelierTags.STATUS).filter(RESUMABLE::contains).isPresent())
            .max(Comparator.comparingLong(r -> r.getInfo().getStartTime()));
    if (resumable.isPresent()) {
      return resume(resumable.get());
    }
    // Looked up before the run exists: a database that cannot answer fails the launch with no run
    // made, and the retry starts afresh rather than finding a run without its exclusions.
    Optional<Lineage> lineage = lineage(request);
    CreateRun.Builder create =
        CreateRun.newBuilder()
            .setExperimentId(experimentId)
            .setRunName("trial-" + request.mapIndex())
            .setStartTime(System.currentTimeMillis());
    tags.forEach((k, v) -> create.addTags(RunTag.newBuilder().setKey(k).setValue(v)));
    int first = previousTries(experimentId, tags) + 1;
    create.addTags(
        RunTag.newBuilder().setKey(AtelierTags.TRY_NUMBER).setValue(Integer.toString(first)));
    String runId = mlflow.createRun(create.build()).getRunId();
    if (request.hyperparams() != null && !request.hyperparams().isEmpty()) {
      MlflowRuns.logParamsAndTags(mlflow, runId, request.hyperparams(), Map.of());
    }
    lineage.ifPresent(l -> record(runId, l));
    return new Opened(runId, first, lineage.map(Lineage::exclude).orElse(List.of()));
  }

  /**
   * The trial's dataset and its version's curation. A folder on a claim is not mounted on this
   * worker, and a reference the launch refuses fails the launch itself with its reason: neither
   * gets lineage.
   */
  private Optional<Lineage> lineage(TrialRequest request) {
    Object path = request.dataset() == null ? null : request.dataset().get("path");
    DatasetRef ref;
    try {
      ref = DatasetRef.parse("dataset.path", path == null ? null : String.valueOf(path));
    } catch (InvalidDatasetRefException e) {
      return Optional.empty();
    }
    Path folder;
    if (ref.onClaim()) {
      // A claim the worker mounts too (ATELIER_DATA_ROOTS pvc://<claim>=<folder>): prepare_dataset
      // scanned it there and says where (local_path); the pod reads the same files.
      Object local = request.dataset().get("local_path");
      if (!(local instanceof String lp) || lp.isBlank() || !Files.isDirectory(Path.of(lp))) {
        LOG.log(
            System.Logger.Level.INFO,
            "{0}: no dataset lineage for {1}: the worker does not mount its claim",
            request.dagId(),
            path);
        return Optional.empty();
      }
      folder = Path.of(lp);
    } else {
      folder = Path.of(ref.path());
    }
    Object bucket = request.dataset().get("source_uri");
    Object digest = request.dataset().get("fingerprint");
    try {
      // A bucket's copy names the bucket source's version with the copy's digest.
      TrialDataset dataset =
          bucket instanceof String uri && uri.startsWith("s3://") && digest instanceof String d
              ? datasets.ofBucket(uri, d, folder)
              : datasets.of(folder);
      return Optional.of(new Lineage(dataset, datasets.curation(dataset, folder), folder));
    } catch (BadDatasetException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}: no dataset lineage: {1}",
          request.dagId(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Logs the dataset on the new run, and its version's curation report ({@link CurationArtifacts}).
   * The report is evidence, not a condition for training: a tracking server that refuses the files
   * leaves a warning, not a failed launch.
   */
  private void record(String runId, Lineage lineage) {
    DatasetInputs.log(mlflow, runId, lineage.dataset());
    lineage
        .curation()
        .ifPresent(
            c -> {
              try {
                CurationArtifacts.log(mlflow, trackingUri, runId, c, lineage.exclude());
              } catch (RuntimeException e) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "Run {0}: curation report not stored: {1}",
                    runId,
                    e.getMessage());
              }
            });
  }

  /**
   * The next try of {@code run}: its try number goes up first, then the last try's verdict goes and
   * the run is RUNNING again. In that order, a launch interrupted half-way and retried finds the
   * run still resumable and moves on to a try whose Job was never made, never back to the old Job.
   */
  private Opened resume(Run run) {
    String runId = run.getInfo().getRunId();
    int next = tryNumber(run) + 1;
    mlflow.setTag(runId, AtelierTags.TRY_NUMBER, Integer.toString(next));
    mlflow.deleteTag(runId, AtelierTags.STATUS);
    if (MlflowRuns.tag(run, AtelierTags.REASON).isPresent()) {
      mlflow.deleteTag(runId, AtelierTags.REASON);
    }
    // No end_time in the update: MLflow clears the old one, as a running run has none.
    mlflow.sendPost("runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"RUNNING\"}");
    return new Opened(runId, next);
  }

  /** The highest try of any earlier run of this task instance, under any sweep run; 0 for none. */
  private int previousTries(String experimentId, Map<String, String> tags) {
    Map<String, String> instance = new LinkedHashMap<>(tags);
    instance.remove(AtelierTags.PARENT_RUN_ID);
    return MlflowRuns.findByTags(mlflow, experimentId, instance).stream()
        .mapToInt(TrialRuns::tryNumber)
        .max()
        .orElse(0);
  }

  private static Map<String, String> tags(TrialRequest request) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (request.parentRunId() != null) {
      tags.put(AtelierTags.PARENT_RUN_ID, request.parentRunId());
    }
    tags.put(AtelierTags.DAG_ID, request.dagId());
    tags.put(AtelierTags.RUN_ID, request.runId());
    tags.put(AtelierTags.TASK_ID, request.taskId());
    tags.put(AtelierTags.MAP_INDEX, Integer.toString(request.mapIndex()));
    return tags;
  }

  /** A run from before try numbers were kept counts as its first try. */
  private static int tryNumber(Run run) {
    return MlflowRuns.tag(run, AtelierTags.TRY_NUMBER)
        .filter(t -> t.matches("[0-9]{1,9}"))
        .map(Integer::parseInt)
        .orElse(1);
  }
}
