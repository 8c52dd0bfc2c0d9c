package dev.atelier.bench.engine;

import dev.atelier.workflows.dsl.TaskContext;
import dev.atelier.workflows.dsl.TaskFunction;
import dev.atelier.workflows.temporal.EngineLimits;

/** The benchmark's task bodies: nothing, or a fixed sleep, timed from inside. */
final class Work {
  private Work() {}

  /** A task that returns {@code value(ctx)} after sleeping {@code sleepMillis} (0: at once). */
  static TaskFunction timed(long sleepMillis, TaskFunction value) {
    return ctx -> {
      long t0 = System.nanoTime();
      Probe.started(ctx.runId(), group(ctx));
      if (sleepMillis > 0) {
        Thread.sleep(sleepMillis);
      }
      Object out = value.call(ctx);
      Probe.ran(System.nanoTime() - t0);
      return out;
    };
  }

  /**
   * The probe's name for the instance: the task id, and for a mapped instance the range of map
   * indexes that one chunk of a large mapping runs (the engine's default chunk size), so the gaps
   * between chunks show.
   */
  private static String group(TaskContext ctx) {
    if (ctx.mapIndex() < 0) {
      return ctx.taskId();
    }
    int size = EngineLimits.DEFAULT.mapChunkSize();
    int first = ctx.mapIndex() / size * size;
    return ctx.taskId() + "[" + first + "-" + (first + size - 1) + "]";
  }

  static Object nothing(TaskContext ctx) {
    return null;
  }
}
