package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DatasetEventRow;
import dev.atelier.ui.repository.DatasetRepository;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way a dataset event is emitted, whoever reports the change ({@code POST
 * /api/v1/datasets/events}, the dataset watcher): the event is stored (its dataset created on first
 * sight), the Dags scheduled on the dataset are evaluated at once so the runs it completes start,
 * and the event is audited with the runs it created.
 */
@ApplicationScoped
public class DatasetEventEmitter {
  /** The stored event and the runs it started. */
  public record Emitted(DatasetEventRow event, List<DagRunRow> createdRuns) {}

  private final DatasetRepository datasets;
  private final DatasetTriggerRepository triggers;
  private final DatasetTriggers triggering;
  private final AuditLog audit;

  DatasetEventEmitter(
      DatasetRepository datasets,
      DatasetTriggerRepository triggers,
      DatasetTriggers triggering,
      AuditLog audit) {
    this.datasets = datasets;
    this.triggers = triggers;
    this.triggering = triggering;
    this.audit = audit;
  }

  public Emitted emit(String uri, Map<String, Object> extra) {
    DatasetEventRow event = datasets.recordEvent(uri, extra);
    triggering.evaluateFor(event.datasetUri());
    List<DagRunRow> created =
        triggers.createdRuns(List.of(event.id())).getOrDefault(event.id(), List.of());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("event_id", event.id());
    detail.put("extra", extra);
    detail.put("created_dagruns", created.stream().map(r -> r.dagId() + "/" + r.runId()).toList());
    audit.record("dataset-event", AuditTargets.dataset(event.datasetUri()), detail);
    return new Emitted(event, created);
  }
}
