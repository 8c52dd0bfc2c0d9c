package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TaskFunctionActivities;
import dev.atelier.workflows.activities.TaskFunctionInvoker;
import dev.atelier.workflows.activities.TaskResult;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.TaskFunctionRegistry;
import java.util.List;

/** The worker's RunTaskFunction activity, over the functions of the given Dags. */
class FunctionRunner implements TaskFunctionActivities {
  private final TaskFunctionInvoker invoker;

  FunctionRunner(Dag... dags) {
    this.invoker = new TaskFunctionInvoker(TaskFunctionRegistry.of(List.of(dags)));
  }

  @Override
  public TaskResult run(TaskCall call) {
    return invoker.invoke(call);
  }
}
