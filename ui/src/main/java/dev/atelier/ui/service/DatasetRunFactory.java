package dev.atelier.ui.service;

import dev.atelier.ui.repository.AssetAliasRepository;
import dev.atelier.ui.repository.AssetAliasRow;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DatasetEventRow;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.InvalidParamsException;
import dev.atelier.workflows.dsl.Limits;
import dev.atelier.workflows.schedule.AssetCondition;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Airflow's dataset-triggered run creation, in one transaction: when the events queued for a Dag
 * satisfy its condition, a {@code dataset_triggered} run is stored (queued, not yet started) with
 * every queued event as its {@code triggering_dataset_events}, and the queue is emptied. Logical
 * date: the latest event's time; data interval: from the earliest to the latest event, as Airflow.
 */
@ApplicationScoped
public class DatasetRunFactory {
  private final DatasetTriggerRepository triggers;
  private final DagRunRepository runs;
  private final RunParams params;
  private final AssetAliasRepository aliases;

  DatasetRunFactory(
      DatasetTriggerRepository triggers,
      DagRunRepository runs,
      RunParams params,
      AssetAliasRepository aliases) {
    this.triggers = triggers;
    this.runs = runs;
    this.params = params;
    this.aliases = aliases;
  }

  /** The run created, if the queued events satisfy the condition. */
  @Transactional
  public Optional<DagRunRow> createIfSatisfied(Dag dag, AssetCondition condition) {
    List<DatasetEventRow> queued = triggers.lockQueued(dag.dagId());
    Set<String> changed =
        queued.stream().map(DatasetEventRow::datasetUri).collect(Collectors.toSet());
    if (queued.isEmpty() || !condition.evaluate(changed)) {
      return Optional.empty();
    }
    OffsetDateTime first = time(queued, Comparator.naturalOrder());
    OffsetDateTime last = time(queued, Comparator.reverseOrder());
    String runId = "dataset_triggered__" + AirflowDates.iso(last);
    List<DatasetEventRow> carried = carried(queued);
    Map<Long, List<AssetAliasRow>> sources =
        aliases.ofEvents(carried.stream().map(DatasetEventRow::id).toList());
    Map<String, Object> conf = Map.of(RunConf.TRIGGERING_DATASET_EVENTS, byUri(carried, sources));
    int omitted = queued.size() - carried.size();
    String note =
        omitted == 0
            ? null
            : omitted
                + " older triggering events are not in the conf (at most "
                + Limits.MAX_EVENTS_PER_RUN
                + " are); the run consumed all "
                + queued.size()
                + ", each listing it in created_dagruns (GET /api/v1/datasets/events)";
    DagRunRow row =
        new DagRunRow(
            dag.dagId(),
            runId,
            "queued",
            "dataset_triggered",
            conf,
            last,
            last,
            first,
            last,
            null,
            null,
            false,
            AtelierWorkflows.workflowId(dag.dagId(), runId),
            note,
            true);
    if (!runs.insert(row)) {
      return Optional.empty();
    }
    triggers.consume(dag.dagId(), runId, queued);
    try {
      params.resolve(dag, RunConf.params(row));
    } catch (InvalidParamsException e) {
      // Airflow would create the run and fail it; so does Atelier, saying why.
      runs.failUnstarted(
          dag.dagId(), runId, "the Dag's param defaults are invalid: " + e.getMessage());
    }
    return runs.find(dag.dagId(), runId);
  }

  /**
   * The events the conf carries ({@link Limits#MAX_EVENTS_PER_RUN}): the newest of each dataset
   * first, then the newest of the rest, in their queue order (oldest first).
   */
  static List<DatasetEventRow> carried(List<DatasetEventRow> queued) {
    if (queued.size() <= Limits.MAX_EVENTS_PER_RUN) {
      return queued;
    }
    Set<DatasetEventRow> keep = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    for (int i = queued.size() - 1; i >= 0; i--) {
      if (seen.add(queued.get(i).datasetUri())) {
        keep.add(queued.get(i));
      }
    }
    for (int i = queued.size() - 1; i >= 0 && keep.size() < Limits.MAX_EVENTS_PER_RUN; i--) {
      keep.add(queued.get(i));
    }
    return queued.stream().filter(keep::contains).toList();
  }

  private static OffsetDateTime time(
      List<DatasetEventRow> events, Comparator<OffsetDateTime> order) {
    return events.stream()
        .map(e -> e.timestamp().withOffsetSameInstant(ZoneOffset.UTC))
        .min(order)
        .orElseThrow();
  }

  /**
   * Airflow's context value: dataset URI → its events, oldest first; an event added through aliases
   * also names them ({@code source_aliases}, as Airflow 3's triggering asset events do).
   */
  private static Map<String, List<Map<String, Object>>> byUri(
      List<DatasetEventRow> events, Map<Long, List<AssetAliasRow>> sources) {
    Map<String, List<Map<String, Object>>> byUri = new LinkedHashMap<>();
    for (DatasetEventRow e : events) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", e.id());
      json.put("dataset_id", e.datasetId());
      json.put("dataset_uri", e.datasetUri());
      json.put("extra", e.extra());
      json.put("source_dag_id", e.sourceDagId());
      json.put("source_task_id", e.sourceTaskId());
      json.put("source_run_id", e.sourceRunId());
      json.put("source_map_index", e.sourceMapIndex());
      json.put("timestamp", AirflowDates.iso(e.timestamp()));
      List<AssetAliasRow> via = sources.getOrDefault(e.id(), List.of());
      if (!via.isEmpty()) {
        json.put(
            "source_aliases",
            via.stream().map(a -> Map.of("name", a.name(), "group", a.group())).toList());
      }
      byUri.computeIfAbsent(e.datasetUri(), k -> new ArrayList<>()).add(json);
    }
    return byUri;
  }
}
