package dev.atelier.workflows.dsl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The task functions a worker can run, by name ({@code <dag_id>:<task_id>}), collected from the
 * Dags it loaded. Workflow code only ever holds the name, so it stays deterministic; the function
 * itself runs in the {@code RunTaskFunction} activity.
 */
public final class TaskFunctionRegistry {
  private final Map<String, TaskFunction> byName;

  private TaskFunctionRegistry(Map<String, TaskFunction> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** The functions of every function-backed task of these Dags. */
  public static TaskFunctionRegistry of(Collection<Dag> dags) {
    Map<String, TaskFunction> out = new LinkedHashMap<>();
    for (Dag dag : dags) {
      for (Task task : dag.tasks()) {
        if (task instanceof FunctionBacked f) {
          out.put(nameOf(dag.dagId(), task.taskId()), f.function());
        }
      }
    }
    return new TaskFunctionRegistry(out);
  }

  /** The name a task's function is registered under. */
  public static String nameOf(String dagId, String taskId) {
    return dagId + ":" + taskId;
  }

  public Optional<TaskFunction> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Set<String> names() {
    return byName.keySet();
  }
}
