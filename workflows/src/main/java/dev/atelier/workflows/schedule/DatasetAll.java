package dev.atelier.workflows.schedule;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Airflow 2.9's {@code DatasetAll(...)}, renamed {@link AssetAll} in Airflow 3: holds once every
 * part holds.
 *
 * @deprecated use {@link AssetAll}, as Airflow 3 renamed datasets to assets.
 */
@Deprecated
public record DatasetAll(List<DatasetCondition> parts) implements DatasetCondition {
  public DatasetAll {
    parts = Conditions.checked("DatasetAll", parts);
  }

  public static DatasetAll of(DatasetCondition... parts) {
    return new DatasetAll(List.of(parts));
  }

  /** Airflow's {@code schedule=[Dataset(a), Dataset(b)]}: all of them. */
  public static DatasetAll ofUris(String... uris) {
    return new DatasetAll(
        List.of(uris).stream().map(u -> (DatasetCondition) Dataset.of(u)).toList());
  }

  @Override
  public boolean evaluate(Set<String> changedUris) {
    return parts.stream().allMatch(p -> p.evaluate(changedUris));
  }

  @Override
  public Set<String> uris() {
    Set<String> all = new LinkedHashSet<>();
    parts.forEach(p -> all.addAll(p.uris()));
    return all;
  }

  @Override
  public List<Asset> assets() {
    return parts.stream().flatMap(p -> p.assets().stream()).toList();
  }

  @Override
  public List<Dataset> datasets() {
    return parts.stream().flatMap(p -> p.datasets().stream()).toList();
  }

  @Override
  public String describe() {
    return parts.stream()
        .map(DatasetCondition::describe)
        .collect(Collectors.joining(" & ", "(", ")"));
  }
}
