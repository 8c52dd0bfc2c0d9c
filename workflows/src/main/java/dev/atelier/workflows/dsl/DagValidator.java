package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a Dag when it is built and collects every problem, so an author fixes them in one pass.
 * Messages follow Airflow's wording where Airflow has one.
 */
final class DagValidator {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final int MAX_KEY = 250;

  private DagValidator() {}

  static List<String> validate(
      String dagId, String schedule, int maxActiveRuns, Params params, List<Task> tasks) {
    List<String> violations = new ArrayList<>();
    checkKey("dag_id", dagId, violations);
    String scheduleProblem = Schedules.problem(schedule);
    if (scheduleProblem != null) {
      violations.add(scheduleProblem);
    }
    if (maxActiveRuns < 1) {
      violations.add("max_active_runs must be at least 1, got " + maxActiveRuns);
    }
    Map<String, Task> byId = new LinkedHashMap<>();
    for (Task task : tasks) {
      checkKey("task_id", task.taskId(), violations);
      if (byId.putIfAbsent(task.taskId(), task) != null) {
        violations.add("Task id '" + task.taskId() + "' has already been added to the Dag");
      }
    }
    for (Task task : tasks) {
      checkRelatives(task, byId, violations);
      checkRefs(task, task.args(), params, violations);
      checkRefs(task, task.expandArgs(), params, violations);
      if (task.retriesOverride() != null && task.retriesOverride() < 0) {
        violations.add(
            "Task '" + task.taskId() + "': retries must be >= 0, got " + task.retriesOverride());
      }
      task.check(dagId, params, violations);
    }
    CycleCheck.faultyTask(byId)
        .ifPresent(t -> violations.add("Cycle detected in Dag " + dagId + ": faulty task " + t));
    return violations;
  }

  private static void checkKey(String field, String value, List<String> violations) {
    if (value == null || value.length() > MAX_KEY || !KEY.matcher(value).matches()) {
      violations.add(
          field
              + " "
              + Values.show(value)
              + " has to be made of alphanumeric characters, dashes, dots and underscores"
              + " exclusively, at most "
              + MAX_KEY
              + " of them");
    }
  }

  private static void checkRelatives(Task task, Map<String, Task> byId, List<String> violations) {
    for (String up : task.upstreamTaskIds()) {
      if (!byId.containsKey(up)) {
        violations.add(
            "Task '"
                + task.taskId()
                + "' depends on '"
                + up
                + "', which is not a task of this Dag");
      }
    }
    for (String down : task.downstreamTaskIds()) {
      if (!byId.containsKey(down)) {
        violations.add(
            "Task '"
                + down
                + "' depends on '"
                + task.taskId()
                + "' but was never added to this Dag");
      }
    }
  }

  private static void checkRefs(
      Task task, Map<String, Object> args, Params params, List<String> violations) {
    for (Map.Entry<String, Object> e : args.entrySet()) {
      for (ParamRef ref : refsIn(e.getValue())) {
        if (!params.names().contains(ref.name())) {
          violations.add(
              "Task '"
                  + task.taskId()
                  + "' argument '"
                  + e.getKey()
                  + "' refers to "
                  + ref
                  + ", which is not a param of this Dag");
        }
      }
    }
  }

  private static List<ParamRef> refsIn(Object value) {
    List<ParamRef> refs = new ArrayList<>();
    if (value instanceof ParamRef ref) {
      refs.add(ref);
    } else if (value instanceof List<?> list) {
      list.forEach(v -> refs.addAll(refsIn(v)));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> refs.addAll(refsIn(v)));
    }
    return refs;
  }
}
