package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.AssetAliasRow;
import dev.atelier.ui.repository.DatasetEventRow;
import dev.atelier.ui.repository.DatasetRow;
import dev.atelier.ui.repository.DatasetSourceRow;
import dev.atelier.ui.service.AssetDeclarations;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Airflow 3's AssetResponse for one row of the {@code dataset} table: its name and group as the
 * Dags declare it (else its URI and {@code asset}), the Dags scheduled on it and the tasks that
 * produce it (from the Dags of this build; the references carry the asset's own timestamps, as
 * nothing records when a Dag started naming it), its latest event and its watchers (the dataset
 * sources its {@code AssetWatcher}s registered; {@code trigger_id} is the source's id), and the
 * aliases that resolve to it (tasks added events on it through them). Atelier has no inlets, so
 * {@code consuming_tasks} is empty.
 */
public record AssetResponse(
    long id,
    String name,
    String uri,
    String group,
    Map<String, Object> extra,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    List<DagScheduleAssetReference> scheduledDags,
    List<TaskAssetReference> producingTasks,
    List<TaskAssetReference> consumingTasks,
    List<AssetAliasResponse> aliases,
    List<AssetWatcherResponse> watchers,
    LastAssetEventResponse lastAssetEvent) {

  /** Airflow 3's DagScheduleAssetReference. */
  public record DagScheduleAssetReference(
      String dagId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

  /** Airflow 3's TaskOutletAssetReference (and TaskInletAssetReference, the same shape). */
  public record TaskAssetReference(
      String dagId, String taskId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

  /** Airflow 3's AssetWatcherResponse. */
  public record AssetWatcherResponse(String name, long triggerId, OffsetDateTime createdDate) {}

  /** Airflow 3's LastAssetEventResponse: null fields when the asset has no event yet. */
  public record LastAssetEventResponse(Long id, OffsetDateTime timestamp) {}

  static AssetResponse of(
      DatasetRow row,
      AssetDeclarations declared,
      DatasetEventRow last,
      List<DatasetSourceRow> sources,
      List<AssetAliasRow> aliases) {
    String uri = row.uri();
    return new AssetResponse(
        row.id(),
        declared.name(uri),
        uri,
        declared.group(uri),
        row.extra(),
        row.createdAt(),
        row.updatedAt(),
        declared.scheduledDags(uri).stream()
            .map(d -> new DagScheduleAssetReference(d, row.createdAt(), row.updatedAt()))
            .toList(),
        declared.producingTasks(uri).stream()
            .map(
                t ->
                    new TaskAssetReference(t.dagId(), t.taskId(), row.createdAt(), row.updatedAt()))
            .toList(),
        List.of(),
        aliases.stream().map(AssetAliasResponse::of).toList(),
        sources.stream()
            .map(s -> new AssetWatcherResponse(s.name(), s.id(), s.createdAt()))
            .toList(),
        last == null
            ? new LastAssetEventResponse(null, null)
            : new LastAssetEventResponse(last.id(), last.timestamp()));
  }
}
