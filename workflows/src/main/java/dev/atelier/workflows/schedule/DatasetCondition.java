package dev.atelier.workflows.schedule;

import java.util.List;
import java.util.Set;

/**
 * What a dataset-scheduled Dag waits for, as Airflow 2.9 writes it: a {@link Dataset}, {@link
 * DatasetAll} (every one changed; Airflow's {@code &} and a plain list) or {@link DatasetAny} (at
 * least one; Airflow's {@code |}), nested freely.
 */
public sealed interface DatasetCondition permits Dataset, DatasetAll, DatasetAny {

  /** Whether the condition holds when exactly these datasets have events queued. */
  boolean evaluate(Set<String> changedUris);

  /** Every dataset URI the condition mentions, in the order written. */
  Set<String> uris();

  /** Every dataset the condition mentions (with its watchers), in the order written. */
  List<Dataset> datasets();

  /** The condition as Airflow prints it: {@code (a & (b | c))}. */
  String describe();

  /** Airflow's {@code self & other}. */
  default DatasetCondition and(DatasetCondition other) {
    return DatasetAll.of(this, other);
  }

  /** Airflow's {@code self | other}. */
  default DatasetCondition or(DatasetCondition other) {
    return DatasetAny.of(this, other);
  }
}
