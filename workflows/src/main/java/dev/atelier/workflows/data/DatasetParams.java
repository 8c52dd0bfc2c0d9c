package dev.atelier.workflows.data;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.ParamRef;
import dev.atelier.workflows.dsl.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Dag's dataset params: those a {@code PrepareDataset} task takes as its {@code path}, read from
 * the Dag's structure ({@code arg("path", param("…"))}, or {@code expand} over such params), so a
 * run's folder is checked against the data roots when the run is created, not found wrong by the
 * task or inside a trial's pod.
 */
public final class DatasetParams {
  static final String PATH_ARG = "path";

  private DatasetParams() {}

  /** The names of the params that feed a {@code PrepareDataset} task's {@code path}. */
  public static Set<String> of(Dag dag) {
    Set<String> names = new LinkedHashSet<>();
    for (Task task : dag.tasks()) {
      if (OperatorActivities.PREPARE_DATASET.equals(task.activityType())) {
        collect(task.args().get(PATH_ARG), names);
        collect(task.expandArgs().get(PATH_ARG), names);
      }
    }
    return names;
  }

  private static void collect(Object arg, Set<String> names) {
    if (arg instanceof ParamRef ref) {
      names.add(ref.name());
    } else if (arg instanceof List<?> list) {
      list.forEach(item -> collect(item, names));
    }
  }

  /**
   * One line per dataset param of {@code conf} (merged over the Dag's defaults) that {@code roots}
   * refuse for {@code launcher}, or whose folder the worker could not scan. A value that is not a
   * string (or a list of strings, for a mapped path) is left to the param's own type rule, and so
   * is an empty one.
   */
  public static List<String> violations(
      Dag dag, Map<String, Object> conf, DataRoots roots, String launcher) {
    Map<String, Object> given = conf == null ? Map.of() : conf;
    List<String> violations = new ArrayList<>();
    for (String name : of(dag)) {
      Param param = dag.params().asMap().get(name);
      Object value =
          given.containsKey(name) ? given.get(name) : param == null ? null : param.defaultValue();
      String field = "params." + name;
      if (value instanceof List<?> items) {
        for (int i = 0; i < items.size(); i++) {
          check(field + "[" + i + "]", items.get(i), roots, launcher, violations);
        }
      } else {
        check(field, value, roots, launcher, violations);
      }
    }
    return violations;
  }

  private static void check(
      String field, Object value, DataRoots roots, String launcher, List<String> violations) {
    if (!(value instanceof String s) || s.isBlank()) {
      return;
    }
    if (s.startsWith("s3://")) {
      // A bucket prefix: prepare_dataset copies it to the worker's disk, which local trials read.
      if (!"local".equals(launcher)) {
        violations.add(
            field
                + ": '"
                + s
                + "' is in a bucket: bucket datasets are copied to the worker's disk, which only"
                + " local trials read; give Kubernetes trials a pvc://<claim>/<path> folder");
      } else if (!s.matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^?#]*)?")) {
        violations.add(field + ": '" + s + "' must be s3://bucket/prefix");
      }
      return;
    }
    try {
      roots.resolve(field, s, launcher).scanPath(field);
    } catch (InvalidDatasetRefException e) {
      violations.add(e.getMessage());
    }
  }
}
