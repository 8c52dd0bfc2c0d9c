package dev.atelier.workflows.dsl;

import java.util.List;

/**
 * Airflow's {@code @task}: a Java function as a task. It reads its arguments, params, dates and
 * upstream XComs from its {@link TaskContext}, and what it returns is its XCom.
 *
 * <pre>{@code
 * var extract = dag.add(new FunctionTask("extract", ctx -> List.of(1, 2, 3)));
 * var twice = dag.add(new FunctionTask("twice", ctx -> 2 * ctx.arg("x", Integer.class), "x"))
 *     .expand(Kwargs.of("x", extract.output()));
 * }</pre>
 *
 * Naming the arguments (the {@code signature}) lets the Dag check calls when it is built: an
 * unknown or missing argument is reported, as Python reports a bad call of the function.
 */
public final class FunctionTask extends MappableTask<FunctionTask> implements FunctionBacked {
  private final TaskFunction function;
  private final List<String> signature;

  /** A function that takes any arguments (not checked when the Dag is built). */
  public FunctionTask(String taskId, TaskFunction function) {
    super(taskId);
    this.function = function;
    this.signature = null;
  }

  /** A function that takes exactly the named arguments. */
  public FunctionTask(String taskId, TaskFunction function, String... signature) {
    super(taskId);
    this.function = function;
    this.signature = List.of(signature);
  }

  @Override
  public TaskFunction function() {
    return function;
  }

  @Override
  protected List<String> signature() {
    return signature;
  }

  @Override
  public String operator() {
    return "@task";
  }

  @Override
  public TaskKind kind() {
    return TaskKind.FUNCTION;
  }

  @Override
  boolean canSkipItself() {
    return true;
  }

  @Override
  protected TaskSpec.Extras extras(String dagId) {
    return new TaskSpec.Extras(TaskFunctionRegistry.nameOf(dagId, taskId()), false, null);
  }
}
