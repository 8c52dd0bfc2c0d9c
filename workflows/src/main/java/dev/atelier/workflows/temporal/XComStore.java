package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.XComEntry;
import dev.atelier.workflows.dsl.XComArg;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The XComs of one Dag run, kept in workflow state (task id, map index, key → value). Pulling a
 * mapped task's XCom gives the values of the instances that pushed one, in map-index order, as
 * Airflow's lazy sequence does; an unmapped task's gives its single value or null.
 */
final class XComStore {
  private final Set<String> mappedTasks;
  private final Map<String, TreeMap<Integer, Map<String, Object>>> byTask = new LinkedHashMap<>();

  XComStore(Set<String> mappedTasks, List<XComEntry> restored) {
    this.mappedTasks = mappedTasks;
    if (restored != null) {
      restored.forEach(e -> put(e.taskId(), e.mapIndex(), e.key(), e.value()));
    }
  }

  void put(String taskId, int mapIndex, String key, Object value) {
    byTask
        .computeIfAbsent(taskId, t -> new TreeMap<>())
        .computeIfAbsent(mapIndex, i -> new LinkedHashMap<>())
        .put(key, value);
  }

  /** Stores what an instance returned and pushed. */
  void record(String taskId, InstanceResult r) {
    r.pushed().forEach((k, v) -> put(taskId, r.mapIndex(), k, v));
    if (r.returnValue() != null) {
      put(taskId, r.mapIndex(), XComArg.RETURN_VALUE, r.returnValue());
    }
  }

  boolean has(String taskId, String key) {
    var instances = byTask.get(taskId);
    return instances != null && instances.values().stream().anyMatch(m -> m.containsKey(key));
  }

  /** Airflow's {@code xcom_pull(task_ids=taskId, key=key)}. */
  Object pull(String taskId, String key) {
    var instances = byTask.getOrDefault(taskId, new TreeMap<>());
    if (!mappedTasks.contains(taskId)) {
      Map<String, Object> single = instances.get(-1);
      return single == null ? null : single.get(key);
    }
    List<Object> values = new ArrayList<>();
    instances.forEach(
        (i, m) -> {
          if (i >= 0 && m.containsKey(key)) {
            values.add(m.get(key));
          }
        });
    return values;
  }

  /** Every XCom of these tasks, for a task call. */
  List<XComEntry> entriesOf(Collection<String> taskIds) {
    List<XComEntry> out = new ArrayList<>();
    for (String taskId : taskIds) {
      var instances = byTask.get(taskId);
      if (instances != null) {
        instances.forEach((i, m) -> m.forEach((k, v) -> out.add(new XComEntry(taskId, i, k, v))));
      }
    }
    return out;
  }

  List<XComEntry> all() {
    return entriesOf(byTask.keySet());
  }
}
