package dev.atelier.workflows.dsl;

/**
 * Java code run as a task, Airflow's {@code @task}-decorated function. It runs in an activity on a
 * worker (never in workflow code), found by name in a {@link TaskFunctionRegistry}; what it returns
 * is the task's XCom {@code return_value} and must be JSON-serializable. Throw {@link TaskSkipped}
 * to end the task skipped, {@link TaskFailed} to fail it without retries; any other exception fails
 * the try, which is retried per the task's {@code retries}.
 */
@FunctionalInterface
public interface TaskFunction {
  Object call(TaskContext context) throws Exception;
}
