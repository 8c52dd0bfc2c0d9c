package dev.atelier.trainers.train;

/**
 * Images per second over a sliding window of recent steps, so one slow step (a sample grid, a GC)
 * does not swing the number people watch.
 */
public final class Throughput {
  private final long[] stepNanos;
  private final int[] stepImages;
  private int next;
  private int filled;
  private long totalNanos;
  private long totalImages;

  public Throughput(int window) {
    stepNanos = new long[window];
    stepImages = new int[window];
  }

  public double record(long nanos, int images) {
    if (filled == stepNanos.length) {
      totalNanos -= stepNanos[next];
      totalImages -= stepImages[next];
    } else {
      filled++;
    }
    stepNanos[next] = nanos;
    stepImages[next] = images;
    totalNanos += nanos;
    totalImages += images;
    next = (next + 1) % stepNanos.length;
    return totalNanos == 0 ? 0 : totalImages * 1e9 / totalNanos;
  }
}
