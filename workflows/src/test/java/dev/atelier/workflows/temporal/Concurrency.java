package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.TaskFunction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how many task functions run at the same moment, and in which order they started. */
final class Concurrency {
  final AtomicInteger now = new AtomicInteger();
  final AtomicInteger max = new AtomicInteger();
  final List<String> started = new CopyOnWriteArrayList<>();

  /** A function that holds its slot for {@code millis} of real time. */
  TaskFunction busy(long millis) {
    return ctx -> {
      started.add(ctx.taskId() + (ctx.mapIndex() >= 0 ? "[" + ctx.mapIndex() + "]" : ""));
      max.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        Thread.sleep(millis);
      } finally {
        now.decrementAndGet();
      }
      return null;
    };
  }
}
