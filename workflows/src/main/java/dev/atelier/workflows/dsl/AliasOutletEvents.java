package dev.atelier.workflows.dsl;

import dev.atelier.workflows.schedule.Asset;
import java.util.Map;

/**
 * Airflow 3's {@code outlet_events[AssetAlias(...)]}: where a running task adds asset events
 * through one of its alias outlets. Each event is recorded when the instance succeeds (source Dag,
 * run, task and map index, the extra given here, and the alias as its source), and the asset joins
 * what the alias resolves to, so Dags scheduled on the alias are from then on scheduled on it too.
 * Adding the same asset and extra through two aliases records one event with both as its sources.
 */
public interface AliasOutletEvents {
  /** Airflow's {@code add(asset, extra=...)}. */
  void add(Asset asset, Map<String, Object> extra);

  /** Airflow's {@code add(asset)}: an event with an empty extra. */
  default void add(Asset asset) {
    add(asset, Map.of());
  }
}
