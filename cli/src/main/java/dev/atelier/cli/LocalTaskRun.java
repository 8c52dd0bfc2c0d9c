package dev.atelier.cli;

import dev.atelier.workflows.activities.RunInfo;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TaskFunctionInvoker;
import dev.atelier.workflows.activities.TaskResult;
import dev.atelier.workflows.activities.XComEntry;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.dsl.InvalidParamsException;
import dev.atelier.workflows.dsl.ParamRef;
import dev.atelier.workflows.dsl.TaskFunctionRegistry;
import dev.atelier.workflows.dsl.TaskKind;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.XComArg;
import dev.atelier.workflows.dsl.XComRef;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * One try of one task in this process, as the worker's {@code RunTaskFunction} activity runs it
 * (through the same {@link TaskFunctionInvoker}): the Dag's params resolved against the conf, the
 * task's arguments with their {@code $param} and {@code $xcom} references filled in (an upstream's
 * XCom from {@code --xcom}), a run of its own ({@code test__<logical date>}) that nothing records.
 * Only tasks whose work is a Java function can run here; the other kinds are refused, naming the
 * kind, before anything runs.
 */
final class LocalTaskRun {
  static final Set<TaskKind> RUNNABLE =
      Set.of(TaskKind.FUNCTION, TaskKind.BRANCH, TaskKind.SHORT_CIRCUIT, TaskKind.EMPTY);

  private final DagBag bag;
  private final Dag dag;
  private final CommandLine command;

  LocalTaskRun(DagBag bag, Dag dag, CommandLine command) {
    this.bag = bag;
    this.dag = dag;
    this.command = command;
  }

  /** What the try did: its state, return value, pushed XComs, skip reason or error. */
  record Outcome(
      String state, TaskKind kind, Object returnValue, Map<String, Object> pushed, String note) {
    boolean failed() {
      return "failed".equals(state);
    }

    String error() {
      return note;
    }

    Map<String, Object> json(String dagId, String taskId) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("dag_id", dagId);
      out.put("task_id", taskId);
      out.put("kind", kind.name());
      out.put("state", state);
      out.put("return_value", returnValue);
      out.put("xcoms", pushed);
      out.put("note", note);
      return out;
    }

    void print(Output output) {
      List<Map<String, Object>> rows = new ArrayList<>();
      rows.add(row("state", state));
      rows.add(row("return_value", returnValue));
      pushed.forEach((k, v) -> rows.add(row("xcom " + k, v)));
      if (note != null) {
        rows.add(row("note", note));
      }
      output.rows(rows, List.of("field", "value"));
    }

    private static Map<String, Object> row(String field, Object value) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("field", field);
      row.put("value", value instanceof String ? value : show(value));
      return row;
    }

    private static String show(Object value) {
      try {
        return JsonObjectConverter.JSON.writeValueAsString(value);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return String.valueOf(value);
      }
    }
  }

  Outcome run(String taskId, Instant date, Map<String, Object> conf, Map<String, Object> xcoms) {
    TaskSpec task =
        dag.toSpec().tasks().stream()
            .filter(t -> t.taskId().equals(taskId))
            .findFirst()
            .orElseThrow(
                () ->
                    new CliFailure(
                        ExitCodes.NOT_FOUND,
                        "TASK_ID: '"
                            + taskId
                            + "' is not a task of Dag "
                            + dag.dagId()
                            + " (tasks: "
                            + String.join(
                                ", ", dag.toSpec().tasks().stream().map(TaskSpec::taskId).toList())
                            + ")"));
    if (!RUNNABLE.contains(task.kind())) {
      throw usage(
          "TASK_ID: '"
              + taskId
              + "' is a "
              + task.operator()
              + " (kind "
              + task.kind()
              + "); tasks test runs only @task functions, branches and short-circuits in this"
              + " process (and EmptyOperator), because a "
              + task.kind()
              + " task needs the worker's activities: trigger the Dag instead (./atelier dags"
              + " trigger "
              + dag.dagId()
              + ")");
    }
    if (task.mapped()) {
      throw usage(
          "TASK_ID: '"
              + taskId
              + "' is mapped (expand); tasks test runs unmapped tasks only: test the function"
              + " with one element's arguments in a unit test instead");
    }
    Map<String, Object> params;
    try {
      params = dag.params().resolve(conf);
    } catch (InvalidParamsException e) {
      throw usage("--task-params: " + String.join("; ", e.violations()));
    }
    if (task.kind() == TaskKind.EMPTY) {
      return new Outcome("success", task.kind(), null, Map.of(), "EmptyOperator: nothing to run");
    }
    Map<String, Object> args = new LinkedHashMap<>();
    if (task.args() != null) {
      task.args().forEach((k, v) -> args.put(k, resolve(v, params, xcoms)));
    }
    Map<String, Object> upstream = new LinkedHashMap<>();
    List<XComEntry> entries = new ArrayList<>();
    xcoms.forEach(
        (t, v) -> {
          upstream.put(t, v);
          entries.add(new XComEntry(t, -1, XComArg.RETURN_VALUE, v));
        });
    String iso = date.toString();
    TaskCall call =
        new TaskCall(
            dag.dagId(),
            "test__" + iso,
            taskId,
            -1,
            1,
            args,
            params,
            upstream,
            new RunInfo(iso, iso, iso, conf == null ? Map.of() : conf),
            entries,
            task.callable(),
            task.outlets());
    TaskResult result;
    try {
      result = new TaskFunctionInvoker(TaskFunctionRegistry.of(bag.all())).invoke(call);
    } catch (ApplicationFailure failure) {
      if (failure.getCause() != null) {
        failure.getCause().printStackTrace(command.getErr());
        command.getErr().flush();
      }
      return new Outcome("failed", task.kind(), null, Map.of(), failure.getOriginalMessage());
    }
    Map<String, Object> pushed = result.pushed() == null ? Map.of() : result.pushed();
    if (result.skipped()) {
      return new Outcome("skipped", task.kind(), null, pushed, result.skipReason());
    }
    return new Outcome("success", task.kind(), result.returnValue(), pushed, note(task, result));
  }

  private static String note(TaskSpec task, TaskResult result) {
    if (task.kind() == TaskKind.BRANCH) {
      return "a branch: the run would follow " + result.returnValue();
    }
    if (task.kind() == TaskKind.SHORT_CIRCUIT) {
      Object v = result.returnValue();
      boolean falsy =
          v == null
              || Boolean.FALSE.equals(v)
              || (v instanceof Number n && n.doubleValue() == 0)
              || (v instanceof String s && s.isEmpty())
              || (v instanceof java.util.Collection<?> c && c.isEmpty())
              || (v instanceof Map<?, ?> m && m.isEmpty());
      return falsy
          ? "a short-circuit: falsy, the run would skip what is downstream"
          : "a short-circuit: truthy, the run would go on";
    }
    return null;
  }

  /** A serialized argument with its param and XCom references replaced by their values. */
  private Object resolve(Object json, Map<String, Object> params, Map<String, Object> xcoms) {
    String param = ParamRef.nameIn(json);
    if (param != null) {
      if (!params.containsKey(param)) {
        throw usage("--task-params: params." + param + " is not set (the task's argument uses it)");
      }
      return params.get(param);
    }
    XComRef ref = XComArg.refIn(json);
    if (ref != null) {
      if (!XComArg.RETURN_VALUE.equals(ref.key()) || !xcoms.containsKey(ref.taskId())) {
        throw usage(
            "--xcom: the task's arguments read "
                + ref.taskId()
                + "'s XCom '"
                + ref.key()
                + "'; give it as --xcom "
                + ref.taskId()
                + "=JSON"
                + (XComArg.RETURN_VALUE.equals(ref.key())
                    ? ""
                    : " (only return values can be given)"));
      }
      return xcoms.get(ref.taskId());
    }
    if (json instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(resolve(v, params, xcoms)));
      return out;
    }
    if (json instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, params, xcoms)));
      return out;
    }
    return json;
  }

  private ParameterException usage(String message) {
    return new ParameterException(command, message);
  }
}
