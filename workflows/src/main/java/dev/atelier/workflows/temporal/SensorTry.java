package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.DatasetPoke;
import dev.atelier.workflows.activities.ExternalTaskPoke;
import dev.atelier.workflows.activities.PokeResult;
import dev.atelier.workflows.activities.SensorActivities;
import dev.atelier.workflows.activities.TaskCall;
import dev.atelier.workflows.activities.TaskFunctionActivities;
import dev.atelier.workflows.activities.TaskResult;
import dev.atelier.workflows.dsl.SensorSpec;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.dsl.TaskState;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One try of a sensor: poke, and until the condition holds wait (a durable timer) and poke again.
 * In {@code reschedule} mode the pool slot is given back and the instance shows {@code
 * up_for_reschedule} while it waits. Past the timeout the sensor fails (not retried), or is skipped
 * with {@code soft_fail}; a poke that fails, or finds the watched task failed, fails the try.
 */
final class SensorTry {
  private SensorTry() {}

  static InstanceResult run(
      RunContext ctx,
      TaskSpec task,
      Invocation inv,
      int attempt,
      HeldSlots slots,
      TaskInstances ti) {
    SensorSpec s = task.sensor();
    long started = Workflow.currentTimeMillis();
    long deadline = started + s.timeoutSeconds() * 1000;
    for (int poke = 1; ; poke++) {
      PokeResult r = poke(ctx, task, inv, attempt);
      if (r.done()) {
        return new InstanceResult(
            inv.mapIndex(),
            TaskState.SUCCESS,
            attempt,
            r.xcom(),
            Map.of(),
            null,
            null,
            false,
            null);
      }
      if (r.failed()) {
        throw ApplicationFailure.newFailure(r.detail(), "SensorFailed");
      }
      long now = Workflow.currentTimeMillis();
      if (now >= deadline) {
        String note =
            "AirflowSensorTimeout: not done after "
                + s.timeoutSeconds()
                + " s ("
                + poke
                + " pokes; last: "
                + r.detail()
                + ")";
        TaskState state = s.softFail() ? TaskState.SKIPPED : TaskState.FAILED;
        return InstanceResult.of(inv.mapIndex(), state, attempt, note);
      }
      Duration wait =
          "time_delta".equals(s.type())
              ? Duration.ofMillis(Math.max(1_000, Math.min(untilTarget(ctx, inv), deadline - now)))
              : PokeInterval.next(s, ctx.dagId(), task.taskId(), started, poke, deadline - now);
      if ("reschedule".equals(s.mode())) {
        slots.release();
        ti.upForReschedule(attempt, r.detail());
        Workflow.sleep(wait);
        slots.acquire();
        ti.queuedThenRunning(attempt);
      } else {
        Workflow.sleep(wait);
      }
    }
  }

  private static PokeResult poke(RunContext ctx, TaskSpec task, Invocation inv, int attempt) {
    Map<String, Object> args = inv.args();
    ActivityStub stub = Workflow.newUntypedActivityStub(Options.poke());
    return switch (task.sensor().type()) {
      case "time_delta" -> {
        long left = untilTarget(ctx, inv);
        yield left <= 0
            ? PokeResult.done("target time reached", null)
            : PokeResult.waiting(left / 1000 + " s to go");
      }
      case "external_task" ->
          stub.execute(
              SensorActivities.POKE_EXTERNAL_TASK,
              PokeResult.class,
              new ExternalTaskPoke(
                  (String) args.get("external_dag_id"),
                  (String) args.get("external_task_id"),
                  OffsetDateTime.parse(ctx.run().logicalDate())
                      .minusSeconds(number(args.get("execution_delta_seconds")))
                      .toInstant()
                      .toString(),
                  strings(args.get("allowed_states")),
                  strings(args.get("failed_states"))));
      case "dataset" ->
          stub.execute(
              SensorActivities.POKE_DATASET,
              PokeResult.class,
              new DatasetPoke((String) args.get("uri"), ctx.run().dataIntervalStart()));
      default -> functionPoke(ctx, task, inv, attempt, stub);
    };
  }

  private static PokeResult functionPoke(
      RunContext ctx, TaskSpec task, Invocation inv, int attempt, ActivityStub stub) {
    TaskCall call =
        new TaskCall(
            ctx.dagId(),
            ctx.runId(),
            task.taskId(),
            inv.mapIndex(),
            attempt,
            inv.args(),
            ctx.params(),
            inv.upstream(),
            ctx.run(),
            inv.xcoms(),
            task.callable());
    TaskResult r = stub.execute(TaskFunctionActivities.RUN_TASK_FUNCTION, TaskResult.class, call);
    if (r.skipped()) {
      throw new IllegalArgumentException("a sensor function cannot skip itself; use soft_fail");
    }
    return Truthiness.truthy(r.returnValue())
        ? PokeResult.done("the function returned " + r.returnValue(), r.returnValue())
        : PokeResult.waiting("the function returned " + r.returnValue());
  }

  /** Milliseconds until a TimeDeltaSensor's target, data_interval_end + delta. */
  private static long untilTarget(RunContext ctx, Invocation inv) {
    long target =
        OffsetDateTime.parse(ctx.run().dataIntervalEnd()).toInstant().toEpochMilli()
            + number(inv.args().get("delta_seconds")) * 1000;
    return target - Workflow.currentTimeMillis();
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }
}
