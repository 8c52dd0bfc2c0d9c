package dev.atelier.workflows.activities;

import dev.atelier.workflows.dsl.TaskFailed;
import dev.atelier.workflows.dsl.TaskFunction;
import dev.atelier.workflows.dsl.TaskFunctionRegistry;
import dev.atelier.workflows.dsl.TaskSkipped;
import io.temporal.failure.ApplicationFailure;

/**
 * Runs one try of a task function for a {@link TaskFunctionActivities} implementation: finds the
 * function by name, gives it its {@link dev.atelier.workflows.dsl.TaskContext}, and turns what
 * happened into a {@link TaskResult} or a failure whose message a user can act on ({@code
 * IllegalStateException: disk full}). Shared by the worker's implementation and the tests, so both
 * run functions the same way.
 */
public final class TaskFunctionInvoker {
  private final TaskFunctionRegistry registry;

  public TaskFunctionInvoker(TaskFunctionRegistry registry) {
    this.registry = registry;
  }

  public TaskResult invoke(TaskCall call) {
    TaskFunction function =
        registry
            .find(call.callable())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "no task function '"
                            + call.callable()
                            + "' on this worker; its Dag is not in the worker's DagBag",
                        "UnknownTaskFunction"));
    CallContext context = new CallContext(call);
    try {
      Object value = function.call(context);
      return TaskResult.returned(
          value, context.pushed(), context.outletExtras(), context.aliasEvents());
    } catch (TaskSkipped skip) {
      return TaskResult.skip(skip.getMessage(), context.pushed());
    } catch (TaskFailed fail) {
      throw ApplicationFailure.newNonRetryableFailure(fail.getMessage(), "TaskFailed");
    } catch (ApplicationFailure failure) {
      throw failure;
    } catch (Exception e) {
      throw ApplicationFailure.newFailureWithCause(
          e.getClass().getSimpleName() + ": " + e.getMessage(), e.getClass().getName(), e);
    }
  }
}
