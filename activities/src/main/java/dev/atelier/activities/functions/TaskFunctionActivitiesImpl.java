package dev.atelier.activities.functions;

import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TaskFunctionActivities;
import dev.atelier.workflows.activities.TaskFunctionInvoker;
import dev.atelier.workflows.activities.TaskResult;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.dsl.TaskFunctionRegistry;

/** Runs task functions of the Dags this worker loaded (see {@link TaskFunctionInvoker}). */
public final class TaskFunctionActivitiesImpl implements TaskFunctionActivities {
  private final TaskFunctionInvoker invoker;

  public TaskFunctionActivitiesImpl(TaskFunctionRegistry registry) {
    this.invoker = new TaskFunctionInvoker(registry);
  }

  /** The functions of every Dag on the class path, as the worker's DagBag loads them. */
  public static TaskFunctionActivitiesImpl fromDagBag() {
    return new TaskFunctionActivitiesImpl(TaskFunctionRegistry.of(DagBag.load().all()));
  }

  @Override
  public TaskResult run(TaskCall call) {
    return invoker.invoke(call);
  }
}
