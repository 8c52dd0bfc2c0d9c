package dev.atelier.ui.service;

import dev.atelier.activities.mlflow.AtelierTags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MLflow runs trained on one version of a dataset source: the runs whose tags name the source
 * and the version number (written when a trial's run opens, {@code
 * activities.mlflow.DatasetInputs}), across every experiment, sorted by Dag, Dag run and map index.
 */
@ApplicationScoped
public class DatasetVersionRuns {
  /** At most this many runs are answered. */
  static final int LIMIT = 1000;

  private final DatasetSources sources;
  private final MlflowRuns mlflow;

  DatasetVersionRuns(DatasetSources sources, MlflowRuns mlflow) {
    this.sources = sources;
    this.mlflow = mlflow;
  }

  /**
   * @throws jakarta.ws.rs.WebApplicationException 404 for an unknown source or version, 400 for a
   *     number that is not one
   */
  public List<DatasetVersionRun> runs(String name, String number) {
    int version = sources.version(name, number).number();
    String filter =
        "tags.`"
            + AtelierTags.DATASET_NAME
            + "` = "
            + MlflowRuns.quote(name)
            + " and tags.`"
            + AtelierTags.DATASET_VERSION
            + "` = '"
            + version
            + "'";
    return mlflow.searchEverywhere(filter, LIMIT).stream()
        .map(DatasetVersionRuns::of)
        .sorted(
            Comparator.comparing(DatasetVersionRun::dagId, Comparator.nullsLast(String::compareTo))
                .thenComparing(DatasetVersionRun::dagRunId, Comparator.nullsLast(String::compareTo))
                .thenComparing(
                    DatasetVersionRun::mapIndex, Comparator.nullsLast(Integer::compareTo)))
        .toList();
  }

  private static DatasetVersionRun of(RunView run) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    run.latestMetrics().forEach((k, v) -> metrics.put(k, v.value()));
    String mapIndex = run.tag(AtelierTags.MAP_INDEX);
    return new DatasetVersionRun(
        run.runId(),
        run.tag(AtelierTags.DAG_ID),
        run.tag(AtelierTags.RUN_ID),
        run.tag(AtelierTags.TASK_ID),
        mapIndex != null && mapIndex.matches("-?[0-9]{1,9}") ? Integer.valueOf(mapIndex) : null,
        run.status(),
        run.tag(AtelierTags.STATUS),
        metrics);
  }
}
