package dev.atelier.workflows.search;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A sampler's random stream that knows where it is: {@link SplittableRandom}'s numbers, bit for
 * bit, plus the count of 64-bit seeds it has used ({@link #position}), so a sweep that continues as
 * a new workflow run can carry the count and go on with the very numbers the old run would have
 * drawn ({@link #at}). SplittableRandom itself hides its state; each of its primitive draws ({@code
 * nextLong}, {@code nextInt}) advances it by exactly one seed, and the bounded and floating-point
 * draws here are the JDK's formulas over those primitives (DrawsTest holds them equal).
 */
public final class Draws implements RandomGenerator {
  private final SplittableRandom rng;
  private long position;

  public Draws(long seed) {
    this.rng = new SplittableRandom(seed);
  }

  /** The stream of {@code seed} after {@code position} primitive draws. */
  public static Draws at(long seed, long position) {
    Draws d = new Draws(seed);
    for (long i = 0; i < position; i++) {
      d.nextLong();
    }
    return d;
  }

  /** Primitive draws so far. */
  public long position() {
    return position;
  }

  @Override
  public long nextLong() {
    position++;
    return rng.nextLong();
  }

  @Override
  public int nextInt() {
    position++;
    return rng.nextInt();
  }

  @Override
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** The JDK's bounded draw (RandomSupport.boundedNextInt): mask or reject, never modulo bias. */
  @Override
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    int r = nextInt();
    int m = bound - 1;
    if ((bound & m) == 0) {
      return r & m;
    }
    for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
      // rejected: u fell in the incomplete last block
    }
    return r;
  }
}
