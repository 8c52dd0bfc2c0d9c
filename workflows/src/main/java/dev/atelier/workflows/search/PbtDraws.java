package dev.atelier.workflows.search;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PBT's explore on one {@link ParamSpec}: a fresh draw from the space, or the donor's value
 * perturbed. Kept beside {@link Pbt} until the space's own class takes these over. Values come back
 * in the types a sampler gives: {@code Integer} for {@code int}, {@code Double} for the other
 * numeric kinds, a choice itself for {@code categorical}. StrictMath, so a replay on another JVM
 * draws the same numbers.
 */
final class PbtDraws {
  private PbtDraws() {}

  /**
   * Uniform over the range (in log space for {@code log_uniform} and log {@code int}, over [low −
   * ½, high + ½] then rounded for int), over the grid points for {@code quantized}, over the
   * choices for {@code categorical}.
   */
  static Object fresh(ParamSpec p, SplittableRandom rng) {
    switch (p.kind()) {
      case "categorical":
        return p.choices().get(rng.nextInt(p.choices().size()));
      case "log_uniform":
        {
          double lo = StrictMath.log(p.low());
          double hi = StrictMath.log(p.high());
          return clip(p, StrictMath.exp(lo + rng.nextDouble() * (hi - lo)));
        }
      case "int":
        {
          double step = stepOf(p);
          if (p.log()) {
            double lo = StrictMath.log(p.low() - 0.5);
            double hi = StrictMath.log(p.high() + 0.5);
            return integer(p, StrictMath.exp(lo + rng.nextDouble() * (hi - lo)));
          }
          long points = (long) StrictMath.floor((p.high() - p.low()) / step + 1e-9) + 1;
          return integer(p, p.low() + step * rng.nextLong(points));
        }
      case "quantized":
        {
          long points = (long) StrictMath.floor((p.high() - p.low()) / p.step() + 1e-9) + 1;
          return onGrid(p, rng.nextLong(points));
        }
      default:
        return p.low() + rng.nextDouble() * (p.high() - p.low());
    }
  }

  /**
   * The donor's value × {@code factor}, clipped to [low, high]; int rounded to its step, quantized
   * snapped to its grid (both inside the bounds). A log scale changes nothing: multiplying is
   * already a step in log space.
   */
  static Object scaled(ParamSpec p, Object donorValue, double factor) {
    double x = ((Number) donorValue).doubleValue() * factor;
    return switch (p.kind()) {
      case "int" -> integer(p, x);
      case "quantized" -> onGrid(p, StrictMath.rint((clip(p, x) - p.low()) / p.step()));
      default -> clip(p, x);
    };
  }

  /**
   * A categorical's neighbour: one place left or right in the declared choices, each with
   * probability ½, kept at an end (Ray Tune's PBT does the same); choices are ordered as declared,
   * so list ordinal choices in order. A value not among the choices (a space that changed) gets a
   * fresh draw.
   */
  static Object neighbour(ParamSpec p, Object donorValue, SplittableRandom rng) {
    List<Object> choices = p.choices();
    int i = indexOf(choices, donorValue);
    if (i < 0) {
      return fresh(p, rng);
    }
    int j = i + (rng.nextBoolean() ? 1 : -1);
    return choices.get(Math.max(0, Math.min(choices.size() - 1, j)));
  }

  static int indexOf(List<Object> choices, Object value) {
    for (int i = 0; i < choices.size(); i++) {
      Object c = choices.get(i);
      boolean same =
          c instanceof Number a && value instanceof Number b
              ? a.doubleValue() == b.doubleValue()
              : c != null && c.equals(value);
      if (same) {
        return i;
      }
    }
    return -1;
  }

  private static double stepOf(ParamSpec p) {
    return p.step() == null || p.step() <= 0 ? 1.0 : p.step();
  }

  private static double clip(ParamSpec p, double x) {
    return Math.max(p.low(), Math.min(p.high(), x));
  }

  /** Rounded to the int's step from low, then kept inside the bounds' grid points. */
  private static Integer integer(ParamSpec p, double x) {
    double step = stepOf(p);
    long maxK = (long) StrictMath.floor((p.high() - p.low()) / step + 1e-9);
    long k = (long) StrictMath.rint((clip(p, x) - p.low()) / step);
    k = Math.max(0, Math.min(maxK, k));
    return (int) StrictMath.rint(p.low() + k * step);
  }

  /**
   * {@code low + k·step} in decimal, inside the bounds: 0.1 + 3·0.1 is 0.4, not
   * 0.40000000000000002.
   */
  private static Double onGrid(ParamSpec p, double k) {
    long maxK = (long) StrictMath.floor((p.high() - p.low()) / p.step() + 1e-9);
    long kk = Math.max(0, Math.min(maxK, (long) k));
    return BigDecimal.valueOf(p.low())
        .add(BigDecimal.valueOf(p.step()).multiply(BigDecimal.valueOf(kk)))
        .doubleValue();
  }
}
