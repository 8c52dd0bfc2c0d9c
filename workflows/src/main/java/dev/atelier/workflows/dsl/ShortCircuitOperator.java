package dev.atelier.workflows.dsl;

/**
 * Airflow's {@code ShortCircuitOperator}: its function returns a condition; when it is falsy (null,
 * false, 0, an empty string, list or map) downstream tasks are skipped. With {@code
 * ignore_downstream_trigger_rules} (the default) every task downstream is skipped whatever its
 * trigger rule; without it only the direct downstream tasks are, and the rest follow their rules.
 * The condition is the task's XCom; the task itself succeeds either way.
 */
public final class ShortCircuitOperator extends ArgsTask<ShortCircuitOperator>
    implements FunctionBacked {
  private final TaskFunction function;
  private boolean ignoreDownstreamTriggerRules = true;

  public ShortCircuitOperator(String taskId, TaskFunction condition) {
    super(taskId);
    this.function = condition;
  }

  public ShortCircuitOperator ignoreDownstreamTriggerRules(boolean value) {
    this.ignoreDownstreamTriggerRules = value;
    return this;
  }

  public boolean ignoreDownstreamTriggerRules() {
    return ignoreDownstreamTriggerRules;
  }

  @Override
  public TaskFunction function() {
    return function;
  }

  @Override
  public String operator() {
    return "ShortCircuitOperator";
  }

  @Override
  public TaskKind kind() {
    return TaskKind.SHORT_CIRCUIT;
  }

  @Override
  boolean canSkipItself() {
    return true;
  }

  @Override
  protected TaskSpec.Extras extras(String dagId) {
    return new TaskSpec.Extras(
        TaskFunctionRegistry.nameOf(dagId, taskId()), ignoreDownstreamTriggerRules, null);
  }
}
