package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.service.DagCatalog;
import dev.atelier.workflows.dsl.TaskSpec;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A Dag's tasks by id as the code defines them (empty when the code no longer has the Dag). */
final class DagTasks {
  private DagTasks() {}

  static Map<String, TaskSpec> of(DagCatalog catalog, String dagId) {
    return catalog
        .get(dagId)
        .map(
            dag ->
                dag.toSpec().tasks().stream()
                    .collect(Collectors.toMap(TaskSpec::taskId, Function.identity())))
        .orElse(Map.of());
  }
}
