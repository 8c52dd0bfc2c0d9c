package dev.atelier.workflows.schedule;

import java.util.List;
import java.util.Set;

/**
 * What an asset-scheduled Dag waits for, as Airflow 3 writes it: an {@link Asset}, {@link AssetAll}
 * (every part changed; Airflow's {@code &} and a plain list) or {@link AssetAny} (at least one;
 * Airflow's {@code |}), nested freely. Airflow 2's {@link DatasetCondition} names still work: they
 * are conditions too.
 */
@SuppressWarnings("deprecation")
public sealed interface AssetCondition permits Asset, AssetAll, AssetAny, DatasetCondition {

  /** Whether the condition holds when exactly the assets with these URIs have events queued. */
  boolean evaluate(Set<String> changedUris);

  /** Every asset URI the condition mentions, in the order written. */
  Set<String> uris();

  /** Every asset the condition mentions (with its watchers), in the order written. */
  List<Asset> assets();

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
