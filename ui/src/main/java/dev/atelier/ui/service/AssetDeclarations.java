package dev.atelier.ui.service;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.Task;
import dev.atelier.workflows.schedule.Asset;
import dev.atelier.workflows.schedule.AssetAlias;
import dev.atelier.workflows.schedule.AssetCondition;
import dev.atelier.workflows.schedule.AssetWatcher;
import dev.atelier.workflows.schedule.DagTimetable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this build's Dags say about assets, read from the {@link DagCatalog}: the name, group and
 * watchers an asset is declared with (in a schedule or a task's outlets), the Dags scheduled on it,
 * and the tasks that produce it. The {@code dataset} table knows an asset by URI only; an asset no
 * Dag declares is named by its URI, in the group {@value Asset#DEFAULT_GROUP}, as Airflow names an
 * asset declared by URI alone.
 */
@ApplicationScoped
public class AssetDeclarations {
  /** A task whose outlets include the asset (Airflow's TaskOutletAssetReference). */
  public record TaskRef(String dagId, String taskId) {}

  private final DagCatalog catalog;

  AssetDeclarations(DagCatalog catalog) {
    this.catalog = catalog;
  }

  /** The asset as the Dags declare it (name, group, watchers), if any does. */
  public Optional<Asset> declared(String uri) {
    return Optional.ofNullable(byUri().get(uri));
  }

  /** The URIs of every asset a Dag declares. */
  public Set<String> declaredUris() {
    return byUri().keySet();
  }

  /** The asset's name: as declared, else its URI. */
  public String name(String uri) {
    return declared(uri).map(Asset::name).orElse(uri);
  }

  /** The asset's group: as declared, else {@value Asset#DEFAULT_GROUP}. */
  public String group(String uri) {
    return declared(uri).map(Asset::group).orElse(Asset.DEFAULT_GROUP);
  }

  /** The Dags scheduled on the asset (it appears in their condition), by id. */
  public List<String> scheduledDags(String uri) {
    List<String> out = new ArrayList<>();
    for (DagTimetable t : catalog.timetables()) {
      AssetCondition c = t.assets();
      if (c != null && c.uris().contains(uri)) {
        out.add(t.dagId());
      }
    }
    out.sort(String::compareTo);
    return out;
  }

  /** The tasks whose outlets include the asset, by Dag then task id. */
  public List<TaskRef> producingTasks(String uri) {
    List<TaskRef> out = new ArrayList<>();
    for (Dag dag : catalog.all()) {
      for (Task task : dag.tasks()) {
        if (task.outlets().contains(uri)) {
          out.add(new TaskRef(dag.dagId(), task.taskId()));
        }
      }
    }
    out.sort((a, b) -> (a.dagId() + "\0" + a.taskId()).compareTo(b.dagId() + "\0" + b.taskId()));
    return out;
  }

  /** The ids of the Dags with a task producing the asset (materialize runs one of them). */
  public List<String> producingDags(String uri) {
    return producingTasks(uri).stream().map(TaskRef::dagId).distinct().toList();
  }

  /** URIs of the declared assets whose name contains {@code pattern} (any case). */
  public Set<String> urisNamedLike(String pattern) {
    String lower = pattern.toLowerCase(Locale.ROOT);
    Set<String> out = new LinkedHashSet<>();
    byUri()
        .forEach(
            (uri, a) -> {
              if (a.name().toLowerCase(Locale.ROOT).contains(lower)) {
                out.add(uri);
              }
            });
    return out;
  }

  /** URIs of the declared assets whose name starts with {@code prefix} (case-sensitive). */
  public Set<String> urisNamedFrom(String prefix) {
    Set<String> out = new LinkedHashSet<>();
    byUri()
        .forEach(
            (uri, a) -> {
              if (a.name().startsWith(prefix)) {
                out.add(uri);
              }
            });
    return out;
  }

  /** URIs of the assets the Dags are scheduled on or produce (Airflow's {@code dag_ids} filter). */
  public Set<String> urisOfDags(Collection<String> dagIds) {
    Set<String> out = new LinkedHashSet<>();
    for (DagTimetable t : catalog.timetables()) {
      if (dagIds.contains(t.dagId()) && t.assets() != null) {
        out.addAll(t.assets().uris());
      }
    }
    for (Dag dag : catalog.all()) {
      if (dagIds.contains(dag.dagId())) {
        dag.tasks().forEach(task -> out.addAll(task.outlets()));
      }
    }
    return out;
  }

  /**
   * Every {@link AssetAlias} the Dags declare (in a schedule or a task's outlets), by name; the
   * first declaration's group wins.
   */
  public Map<String, AssetAlias> aliases() {
    Map<String, AssetAlias> out = new LinkedHashMap<>();
    for (DagTimetable t : catalog.timetables()) {
      if (t.assets() != null) {
        t.assets().aliases().forEach(a -> out.putIfAbsent(a.name(), a));
      }
    }
    for (Dag dag : catalog.all()) {
      for (Task task : dag.tasks()) {
        task.outletAliases().forEach(a -> out.putIfAbsent(a.name(), a));
      }
    }
    return out;
  }

  /** The alias's group: as declared, else {@value Asset#DEFAULT_GROUP}. */
  public String aliasGroup(String name) {
    AssetAlias alias = aliases().get(name);
    return alias == null ? Asset.DEFAULT_GROUP : alias.group();
  }

  /** The Dags scheduled on the alias (it appears in their condition), by id. */
  public List<String> scheduledOnAlias(String name) {
    List<String> out = new ArrayList<>();
    for (DagTimetable t : catalog.timetables()) {
      AssetCondition c = t.assets();
      if (c != null && c.aliases().stream().anyMatch(a -> a.name().equals(name))) {
        out.add(t.dagId());
      }
    }
    out.sort(String::compareTo);
    return out;
  }

  /**
   * Every declared asset by URI, schedules first, then task outlets; a declaration that names the
   * asset wins over one by URI alone.
   */
  private Map<String, Asset> byUri() {
    Map<String, Asset> out = new LinkedHashMap<>();
    for (DagTimetable t : catalog.timetables()) {
      if (t.assets() != null) {
        t.assets().assets().forEach(a -> put(out, a));
      }
    }
    for (Dag dag : catalog.all()) {
      for (Task task : dag.tasks()) {
        task.outletAssets().forEach(a -> put(out, a));
      }
    }
    return out;
  }

  private static void put(Map<String, Asset> out, Asset a) {
    Asset known = out.get(a.uri());
    if (known == null || (known.name().equals(known.uri()) && !a.name().equals(a.uri()))) {
      out.put(
          a.uri(), known == null ? a : a.watchedBy(known.watchers().toArray(AssetWatcher[]::new)));
    }
  }
}
