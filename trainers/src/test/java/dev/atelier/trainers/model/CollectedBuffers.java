package dev.atelier.trainers.model;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Makes the JVM free the Java direct buffers nothing references any more, as a garbage collection
 * at an unlucky moment of a training step would: DJL lays the engine's tensors made from Java
 * values over such buffers, and the JVM's cleaner thread frees their memory after a collection.
 */
public final class CollectedBuffers {
  private static final BufferPoolMXBean DIRECT =
      ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
          .filter(b -> b.getName().equals("direct"))
          .findFirst()
          .orElseThrow();

  private CollectedBuffers() {}

  /** How many direct buffers are allocated now. */
  public static long count() {
    return DIRECT.getCount();
  }

  /**
   * Collects until at most {@code count} direct buffers are left (the cleaner thread frees the
   * memory before it updates the count), or 10 s have passed.
   */
  public static void freeDownTo(long count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (DIRECT.getCount() > count && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
  }
}
