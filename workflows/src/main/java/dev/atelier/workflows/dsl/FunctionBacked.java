package dev.atelier.workflows.dsl;

/**
 * A task whose work is a {@link TaskFunction}: it runs on a worker in the activity {@code
 * RunTaskFunction}, which finds the function in a {@link TaskFunctionRegistry} under the name
 * {@code <dag_id>:<task_id>} (the task spec's {@code callable}).
 */
public interface FunctionBacked {
  TaskFunction function();
}
