package dev.atelier.workflows.dsl;

/**
 * Airflow's {@code BranchPythonOperator}: its function returns the task id (or ids, or a task group
 * id, meaning the group's roots) to follow; every other directly downstream task is skipped, and
 * the skips flow on per each task's trigger rule. Returning null follows nothing. A returned id
 * that is neither a task nor a group of the Dag fails the branch task, as in Airflow. A join after
 * the branches usually wants {@link TriggerRule#NONE_FAILED_MIN_ONE_SUCCESS}.
 */
public final class BranchOperator extends ArgsTask<BranchOperator> implements FunctionBacked {
  private final TaskFunction function;

  public BranchOperator(String taskId, TaskFunction chooser) {
    super(taskId);
    this.function = chooser;
  }

  @Override
  public TaskFunction function() {
    return function;
  }

  @Override
  public String operator() {
    return "BranchOperator";
  }

  @Override
  public TaskKind kind() {
    return TaskKind.BRANCH;
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
