package dev.atelier.workflows.schedule;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Airflow 3's {@code AssetAll(...)}: holds once every part holds. */
public record AssetAll(List<AssetCondition> parts) implements AssetCondition {
  public AssetAll {
    parts = Conditions.checked("AssetAll", parts);
  }

  public static AssetAll of(AssetCondition... parts) {
    return new AssetAll(List.of(parts));
  }

  /** Airflow's {@code schedule=[Asset(a), Asset(b)]}: all of them. */
  public static AssetAll ofUris(String... uris) {
    return new AssetAll(List.of(uris).stream().map(u -> (AssetCondition) Asset.of(u)).toList());
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
  public List<AssetAlias> aliases() {
    return parts.stream().flatMap(p -> p.aliases().stream()).toList();
  }

  @Override
  public AssetCondition resolve(Map<String, List<String>> urisByAlias) {
    return aliases().isEmpty()
        ? this
        : new AssetAll(parts.stream().map(p -> p.resolve(urisByAlias)).toList());
  }

  @Override
  public String describe() {
    return parts.stream()
        .map(AssetCondition::describe)
        .collect(Collectors.joining(" & ", "(", ")"));
  }
}
