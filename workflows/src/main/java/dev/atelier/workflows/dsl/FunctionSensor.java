package dev.atelier.workflows.dsl;

/**
 * Airflow's {@code PythonSensor} ({@code @task.sensor}): a task function poked until it returns a
 * truthy value, which becomes the task's XCom.
 */
public final class FunctionSensor extends BaseSensor<FunctionSensor> implements FunctionBacked {
  private final TaskFunction poke;

  public FunctionSensor(String taskId, TaskFunction poke) {
    super(taskId);
    this.poke = poke;
  }

  @Override
  public TaskFunction function() {
    return poke;
  }

  @Override
  protected String sensorType() {
    return "function";
  }

  @Override
  public String operator() {
    return "FunctionSensor";
  }

  @Override
  protected String callable(String dagId) {
    return TaskFunctionRegistry.nameOf(dagId, taskId());
  }
}
