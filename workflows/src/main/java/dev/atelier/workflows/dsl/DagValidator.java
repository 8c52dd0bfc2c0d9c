package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a Dag when it is built and collects every problem, so an author fixes them in one pass.
 * Messages follow Airflow's wording where Airflow has one and name the task and the bad value.
 */
final class DagValidator {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final int MAX_KEY = 250;

  private DagValidator() {}

  /** Everything the validator looks at. */
  record Definition(
      String dagId,
      String schedule,
      java.time.Duration scheduleInterval,
      int maxActiveRuns,
      int maxActiveTasks,
      Params params,
      DefaultArgs defaults,
      List<Task> tasks,
      List<TaskGroup> groups) {}

  static List<String> validate(Definition d) {
    List<String> violations = new ArrayList<>();
    checkKey("dag_id", d.dagId(), violations);
    String scheduleProblem = Schedules.problem(d.schedule());
    if (scheduleProblem != null) {
      violations.add(scheduleProblem);
    }
    String intervalProblem = Schedules.intervalProblem(d.schedule(), d.scheduleInterval());
    if (intervalProblem != null) {
      violations.add(intervalProblem);
    }
    if (d.maxActiveRuns() < 1) {
      violations.add("max_active_runs must be at least 1, got " + d.maxActiveRuns());
    }
    if (d.maxActiveTasks() < 1) {
      violations.add("max_active_tasks must be at least 1, got " + d.maxActiveTasks());
    }
    Map<String, Task> byId = new LinkedHashMap<>();
    for (Task task : d.tasks()) {
      checkKey("task_id", task.taskId(), violations);
      if (byId.putIfAbsent(task.taskId(), task) != null) {
        violations.add("Task id '" + task.taskId() + "' has already been added to the Dag");
      }
    }
    checkGroups(d.groups(), byId, violations);
    Map<Task, Boolean> members = new IdentityHashMap<>();
    d.tasks().forEach(t -> members.put(t, true));
    for (Task task : d.tasks()) {
      checkRelatives(task, members, violations);
      checkRefs(task, "argument", task.args(), d.params(), members, violations);
      checkRefs(task, "argument", task.expandArgs(), d.params(), members, violations);
      Object kwargs = task.expandKwargsArg();
      if (kwargs != null) {
        checkRefs(task, "expand_kwargs", Map.of("source", kwargs), d.params(), members, violations);
      }
      task.settings.check(task.taskId(), d.defaults(), violations);
      task.check(d.dagId(), d.params(), violations);
    }
    var cycle = CycleCheck.faultyTask(byId);
    cycle.ifPresent(
        t -> violations.add("Cycle detected in Dag " + d.dagId() + ": faulty task " + t));
    if (cycle.isEmpty()) {
      RuleReachability.check(Topology.order(d.tasks()), d.defaults(), violations);
    }
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

  private static void checkGroups(
      List<TaskGroup> groups, Map<String, Task> byId, List<String> violations) {
    Map<String, TaskGroup> seen = new LinkedHashMap<>();
    for (TaskGroup g : groups) {
      checkKey("group_id", g.groupId(), violations);
      if (seen.putIfAbsent(g.groupId(), g) != null) {
        violations.add("The group_id '" + g.groupId() + "' has already been added to the Dag");
      } else if (byId.containsKey(g.groupId())) {
        violations.add(
            "The group_id '" + g.groupId() + "' is also the id of a task; ids must be unique");
      }
    }
  }

  private static void checkRelatives(
      Task task, Map<Task, Boolean> members, List<String> violations) {
    for (Task up : task.upstream()) {
      if (!members.containsKey(up)) {
        violations.add(
            "Task '"
                + task.taskId()
                + "' depends on '"
                + up.taskId()
                + "', which is not a task of this Dag");
      }
    }
    for (Task down : task.downstream()) {
      if (!members.containsKey(down)) {
        violations.add(
            "Task '"
                + down.taskId()
                + "' depends on '"
                + task.taskId()
                + "' but was never added to this Dag");
      }
    }
  }

  private static void checkRefs(
      Task task,
      String what,
      Map<String, Object> args,
      Params params,
      Map<Task, Boolean> members,
      List<String> violations) {
    for (Map.Entry<String, Object> e : args.entrySet()) {
      String at = "Task '" + task.taskId() + "' " + what + " '" + e.getKey() + "' refers to ";
      if (what.equals("expand_kwargs")) {
        at = "Task '" + task.taskId() + "' expand_kwargs() refers to ";
      }
      String prefix = at;
      ArgJson.walk(
          e.getValue(),
          v -> {
            if (v instanceof ParamRef ref && !params.names().contains(ref.name())) {
              violations.add(prefix + ref + ", which is not a param of this Dag");
            } else if (v instanceof XComArg x && x.task() == task) {
              violations.add(prefix + "its own XCom; a task cannot consume what it returns");
            } else if (v instanceof XComArg x && !members.containsKey(x.task())) {
              violations.add(prefix + x + ", which is not a task of this Dag");
            }
          });
    }
  }
}
