package dev.atelier.workflows.schedule;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Airflow 3's {@code AssetAny(...)}: holds once at least one part holds. */
public record AssetAny(List<AssetCondition> parts) implements AssetCondition {
  public AssetAny {
    parts = Conditions.checked("AssetAny", parts);
  }

  public static AssetAny of(AssetCondition... parts) {
    return new AssetAny(List.of(parts));
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
  public List<AssetAlias> aliases() {
    return parts.stream().flatMap(p -> p.aliases().stream()).toList();
  }

  @Override
  public AssetCondition resolve(Map<String, List<String>> urisByAlias) {
    return aliases().isEmpty()
        ? this
        : new AssetAny(parts.stream().map(p -> p.resolve(urisByAlias)).toList());
  }

  @Override
  public String describe() {
    return parts.stream()
        .map(AssetCondition::describe)
        .collect(Collectors.joining(" | ", "(", ")"));
  }
}
