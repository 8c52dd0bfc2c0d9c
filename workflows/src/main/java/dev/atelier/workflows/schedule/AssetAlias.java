package dev.atelier.workflows.schedule;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Airflow 3's {@code AssetAlias(name, group)}: a name for assets that are only known at run time. A
 * task lists the alias in its outlets and, while it runs, adds events through it on whichever
 * assets it wrote ({@code outlet_events[AssetAlias(...)].add(Asset(...), extra)}; here {@code
 * ctx.outletEvents(alias).add(asset, extra)}). Each asset added through the alias joins what the
 * alias resolves to. A Dag scheduled on the alias is scheduled on the assets it has resolved to so
 * far: the alias holds when any of them has an event queued, and holds nothing while it resolves to
 * none, as in Airflow.
 *
 * @param name the alias's unique name (at most 1500 characters)
 * @param group Airflow's asset group, {@value Asset#DEFAULT_GROUP} unless given
 */
public record AssetAlias(String name, String group) implements AssetCondition, AssetOutlet {
  public AssetAlias {
    if (name == null) {
      throw new IllegalArgumentException("AssetAlias name 'null': must not be blank");
    }
    name = Asset.checkText("AssetAlias name", name);
    group =
        Asset.checkText(
            "AssetAlias '" + name + "' group", group == null ? Asset.DEFAULT_GROUP : group);
  }

  /** Airflow's {@code AssetAlias("name")}, in the default group. */
  public static AssetAlias of(String name) {
    return new AssetAlias(name, null);
  }

  /** An unresolved alias holds nothing; see {@link #resolve}. */
  @Override
  public boolean evaluate(Set<String> changedUris) {
    return false;
  }

  /** None until resolved: the alias names no asset by itself. */
  @Override
  public Set<String> uris() {
    return Set.of();
  }

  @Override
  public List<Asset> assets() {
    return List.of();
  }

  @Override
  public List<AssetAlias> aliases() {
    return List.of(this);
  }

  /**
   * {@link AssetAny} of the assets the alias resolves to (by URI), or the alias itself (holding
   * nothing) while it resolves to none.
   */
  @Override
  public AssetCondition resolve(Map<String, List<String>> urisByAlias) {
    List<String> uris = urisByAlias.getOrDefault(name, List.of());
    if (uris.isEmpty()) {
      return this;
    }
    return new AssetAny(uris.stream().map(u -> (AssetCondition) Asset.of(u)).toList());
  }

  @Override
  public String describe() {
    return "AssetAlias(" + name + ")";
  }
}
