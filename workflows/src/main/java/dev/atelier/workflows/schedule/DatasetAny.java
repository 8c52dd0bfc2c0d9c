package dev.atelier.workflows.schedule;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Airflow 2.9's {@code DatasetAny(...)}, renamed {@link AssetAny} in Airflow 3: holds once at least
 * one part holds.
 *
 * @deprecated use {@link AssetAny}, as Airflow 3 renamed datasets to assets.
 */
@Deprecated
public record DatasetAny(List<DatasetCondition> parts) implements DatasetCondition {
  public DatasetAny {
    parts = Conditions.checked("DatasetAny", parts);
  }

  public static DatasetAny of(DatasetCondition... parts) {
    return new DatasetAny(List.of(parts));
  }

  @Override
  public boolean evaluate(Set<String> changedUris) {
    return parts.stream().anyMatch(p -> p.evaluate(changedUris));
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
        .collect(Collectors.joining(" | ", "(", ")"));
  }
}
