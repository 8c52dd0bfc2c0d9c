package dev.atelier.workflows.schedule;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Airflow's {@code DatasetAny(...)}: holds once at least one part holds. */
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
