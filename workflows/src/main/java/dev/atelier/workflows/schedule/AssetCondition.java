package dev.atelier.workflows.schedule;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an asset-scheduled Dag waits for, as Airflow 3 writes it: an {@link Asset}, {@link AssetAll}
 * (every part changed; Airflow's {@code &} and a plain list) or {@link AssetAny} (at least one;
 * Airflow's {@code |}) and {@link AssetAlias} (the assets it resolves to), nested freely. Airflow
 * 2's {@link DatasetCondition} names still work: they are conditions too.
 */
@SuppressWarnings("deprecation")
public sealed interface AssetCondition
    permits Asset, AssetAlias, AssetAll, AssetAny, DatasetCondition {

  /** Whether the condition holds when exactly the assets with these URIs have events queued. */
  boolean evaluate(Set<String> changedUris);

  /** Every asset URI the condition mentions, in the order written. */
  Set<String> uris();

  /** Every asset the condition mentions (with its watchers), in the order written. */
  List<Asset> assets();

  /** Every {@link AssetAlias} the condition mentions, in the order written. */
  default List<AssetAlias> aliases() {
    return List.of();
  }

  /**
   * The condition with each alias replaced by what it resolves to ({@link AssetAlias#resolve}):
   * alias name to the URIs of the assets added through it so far.
   */
  default AssetCondition resolve(Map<String, List<String>> urisByAlias) {
    return this;
  }

  /** The condition as Airflow prints it: {@code (a & (b | c))}. */
  String describe();

  /** Airflow's {@code self & other}. */
  default AssetCondition and(AssetCondition other) {
    return AssetAll.of(this, other);
  }

  /** Airflow's {@code self | other}. */
  default AssetCondition or(AssetCondition other) {
    return AssetAny.of(this, other);
  }
}
