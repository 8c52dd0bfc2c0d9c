package dev.atelier.workflows.schedule;

import java.util.List;

/**
 * Airflow 2.9's name of an {@link AssetCondition}: a {@link Dataset}, {@link DatasetAll} or {@link
 * DatasetAny}, nested freely. They schedule exactly as their Asset twins.
 *
 * @deprecated use {@link AssetCondition} ({@link Asset}, {@link AssetAll}, {@link AssetAny}), as
 *     Airflow 3 renamed datasets to assets.
 */
@Deprecated
public sealed interface DatasetCondition extends AssetCondition
    permits Dataset, DatasetAll, DatasetAny {

  /**
   * Every dataset the condition mentions (with its watchers), in the order written.
   *
   * @deprecated use {@link #assets()}.
   */
  @Deprecated
  List<Dataset> datasets();

  /** Airflow's {@code self & other}. */
  default DatasetCondition and(DatasetCondition other) {
    return DatasetAll.of(this, other);
  }

  /** Airflow's {@code self | other}. */
  default DatasetCondition or(DatasetCondition other) {
    return DatasetAny.of(this, other);
  }
}
