package dev.atelier.ui.service;

import dev.atelier.ui.repository.AssetAliasRepository;
import dev.atelier.ui.repository.DatasetEventRow;
import dev.atelier.ui.repository.DatasetRepository;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import dev.atelier.workflows.activities.OutletEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores an asset event a task added through its alias outlets, as Airflow 3 does: each alias gets
 * its row, the asset joins what the alias resolves to, the Dags scheduled on the alias start
 * watching the asset (before the event is stored, so this very event is queued for them, as Airflow
 * queues it for the alias's Dags), then the event is stored with the aliases as its sources. All in
 * one transaction.
 */
@ApplicationScoped
public class AssetAliasEvents {
  private final DatasetRepository datasets;
  private final AssetAliasRepository aliases;
  private final DatasetTriggerRepository triggers;
  private final AssetDeclarations declarations;

  AssetAliasEvents(
      DatasetRepository datasets,
      AssetAliasRepository aliases,
      DatasetTriggerRepository triggers,
      AssetDeclarations declarations) {
    this.datasets = datasets;
    this.aliases = aliases;
    this.triggers = triggers;
    this.declarations = declarations;
  }

  @Transactional
  public DatasetEventRow record(OutletEvent e) {
    datasets.ensure(e.datasetUri());
    long datasetId = datasets.find(e.datasetUri()).orElseThrow().id();
    List<Long> aliasIds = new ArrayList<>();
    for (String name : e.sourceAliases()) {
      long aliasId = aliases.ensure(name, declarations.aliasGroup(name));
      aliasIds.add(aliasId);
      aliases.resolve(aliasId, datasetId);
      declarations.scheduledOnAlias(name).forEach(dag -> triggers.watch(dag, e.datasetUri()));
    }
    DatasetEventRow event =
        datasets.recordEvent(
            e.datasetUri(),
            e.extra(),
            e.sourceDagId(),
            e.sourceRunId(),
            e.sourceTaskId(),
            e.sourceMapIndex());
    aliasIds.forEach(id -> aliases.linkEvent(id, event.id()));
    return event;
  }
}
