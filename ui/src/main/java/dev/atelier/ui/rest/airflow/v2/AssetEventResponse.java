package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DatasetEventRow;
import dev.atelier.ui.service.AssetDeclarations;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Airflow 3's AssetEventResponse for one of Atelier's dataset events: a dataset is an asset whose
 * name is its URI (as Airflow names an asset declared by URI alone), in the group {@code asset}.
 */
public record AssetEventResponse(
    long id,
    long assetId,
    String uri,
    String name,
    String group,
    Map<String, Object> extra,
    String sourceTaskId,
    String sourceDagId,
    String sourceRunId,
    int sourceMapIndex,
    List<DagRunAssetReference> createdDagruns,
    OffsetDateTime timestamp,
    String partitionKey) {

  /** Airflow 3's DagRunAssetReference: a run an event started ({@code triggering}). */
  public record DagRunAssetReference(
      String runId,
      String dagId,
      OffsetDateTime logicalDate,
      OffsetDateTime startDate,
      OffsetDateTime endDate,
      String state,
      OffsetDateTime dataIntervalStart,
      OffsetDateTime dataIntervalEnd,
      String partitionKey,
      boolean triggering) {

    /** A run not started yet reports its run_after as its start (the field is not nullable). */
    static DagRunAssetReference of(DagRunRow run) {
      return new DagRunAssetReference(
          run.runId(),
          run.dagId(),
          run.logicalDate(),
          run.startDate() != null ? run.startDate() : run.runAfter(),
          run.endDate(),
          run.state(),
          run.dataIntervalStart(),
          run.dataIntervalEnd(),
          null,
          true);
    }
  }

  static AssetEventResponse of(DatasetEventRow e, List<DagRunRow> created) {
    return of(e, created, null);
  }

  /** With the asset's name and group as the Dags declare it, when {@code declared} is given. */
  static AssetEventResponse of(
      DatasetEventRow e, List<DagRunRow> created, AssetDeclarations declared) {
    return new AssetEventResponse(
        e.id(),
        e.datasetId(),
        e.datasetUri(),
        declared == null ? e.datasetUri() : declared.name(e.datasetUri()),
        declared == null ? "asset" : declared.group(e.datasetUri()),
        e.extra(),
        e.sourceTaskId(),
        e.sourceDagId(),
        e.sourceRunId(),
        e.sourceMapIndex(),
        created.stream().map(DagRunAssetReference::of).toList(),
        e.timestamp(),
        null);
  }
}
