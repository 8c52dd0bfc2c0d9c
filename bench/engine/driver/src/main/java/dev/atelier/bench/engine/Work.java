package dev.atelier.bench.engine;

import dev.atelier.workflows.dsl.TaskContext;
import dev.atelier.workflows.dsl.TaskFunction;

/** The benchmark's task bodies: nothing, or a fixed sleep, timed from inside. */
final class Work {
  private Work() {}

  /** A task that returns {@code value(ctx)} after sleeping {@code sleepMillis} (0: at once). */
  static TaskFunction timed(long sleepMillis, TaskFunction value) {
    return ctx -> {
      long t0 = System.nanoTime();
      Probe.started(ctx.runId(), ctx.taskId());
      if (sleepMillis > 0) {
        Thread.sleep(sleepMillis);
      }
      Object out = value.call(ctx);
      Probe.ran(System.nanoTime() - t0);
      return out;
    };
  }

  static Object nothing(TaskContext ctx) {
    return null;
  }
}
