package dev.atelier.workflows.search;

/**
 * The standard normal's tails in log space and the truncated normal TPE's kernels are (what
 * Optuna's {@code _truncnorm} does without scipy). Everything uses {@link StrictMath}, so a
 * replayed workflow computes the same bits on any machine.
 */
final class Gauss {
  private static final double SQRT2 = StrictMath.sqrt(2);
  private static final double LOG_SQRT_2PI = 0.5 * StrictMath.log(2 * StrictMath.PI);
  private static final double TWO_OVER_SQRT_PI = 2 / StrictMath.sqrt(StrictMath.PI);

  private Gauss() {}

  /** erfc(x) to a few ulps: a positive series for |x| < 3, Lentz's continued fraction beyond. */
  static double erfc(double x) {
    if (x < 0) {
      return 2 - erfc(-x);
    }
    if (x < 3) {
      return 1 - erfSeries(x);
    }
    // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))
    double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0;
    for (int n = 1; n < 500; n++) {
      double a = n / 2.0;
      d = x + a * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = x + a / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return StrictMath.exp(-x * x) / StrictMath.sqrt(StrictMath.PI) / f;
  }

  /**
   * erf(x) = 2/√π · e^(−x²) · Σ (2x²)ⁿ x / (1·3·…·(2n+1)): every term positive, no cancellation.
   */
  private static double erfSeries(double x) {
    double term = x;
    double sum = x;
    double twoX2 = 2 * x * x;
    for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= twoX2 / (2 * n + 1);
      sum += term;
    }
    return TWO_OVER_SQRT_PI * StrictMath.exp(-x * x) * sum;
  }

  /** Φ(a), the standard normal's CDF. */
  static double ndtr(double a) {
    return 0.5 * erfc(-a / SQRT2);
  }

  /** log Φ(a), accurate far into the left tail (an asymptotic series below −20). */
  static double logNdtr(double a) {
    if (a > 6) {
      return StrictMath.log1p(-ndtr(-a));
    }
    if (a > -20) {
      return StrictMath.log(ndtr(a));
    }
    double logLhs = -0.5 * a * a - StrictMath.log(-a) - LOG_SQRT_2PI;
    double last = 0;
    double rhs = 1;
    double numerator = 1;
    double denomFactor = 1;
    double denomCons = 1 / (a * a);
    int sign = 1;
    for (int i = 1; Math.abs(last - rhs) > Math.ulp(1.0) && i < 100; i++) {
      last = rhs;
      sign = -sign;
      denomFactor *= denomCons;
      numerator *= 2 * i - 1;
      rhs += sign * numerator * denomFactor;
    }
    return logLhs + StrictMath.log(rhs);
  }

  /** log of the standard normal's density. */
  static double logPdf(double z) {
    return -0.5 * z * z - LOG_SQRT_2PI;
  }

  /** log(Φ(b) − Φ(a)), the log mass of [a, b], computed in the left tail where it is accurate. */
  static double logMass(double a, double b) {
    if (b <= 0) {
      return logDiff(logNdtr(b), logNdtr(a));
    }
    if (a > 0) {
      return logDiff(logNdtr(-a), logNdtr(-b));
    }
    return StrictMath.log1p(-ndtr(a) - ndtr(-b));
  }

  private static double logDiff(double logP, double logQ) {
    return logP + StrictMath.log1p(-StrictMath.exp(logQ - logP));
  }

  private static double logAddExp(double x, double y) {
    double m = Math.max(x, y);
    if (m == Double.NEGATIVE_INFINITY) {
      return m;
    }
    return m + StrictMath.log(StrictMath.exp(x - m) + StrictMath.exp(y - m));
  }

  /**
   * The q-quantile of the standard normal truncated to [a, b] (a < b): solves log Φ(c) = log(Φ(a) +
   * q·mass), on the side where Φ is small.
   */
  static double ppf(double q, double a, double b) {
    double logMass = logMass(a, b);
    double c;
    if (a < 0) {
      c = ndtriExp(logAddExp(logNdtr(a), StrictMath.log(q) + logMass));
    } else {
      c = -ndtriExp(logAddExp(logNdtr(-b), StrictMath.log1p(-q) + logMass));
    }
    return Math.max(a, Math.min(b, c));
  }

  /** x with log Φ(x) = y (y ≤ 0): a starting point, then Newton's method on log Φ. */
  static double ndtriExp(double y) {
    boolean flipped = y > -1e-2;
    double z = flipped ? StrictMath.log(-StrictMath.expm1(y)) : y;
    double x =
        z < -5
            ? -StrictMath.sqrt(-2 * (z + LOG_SQRT_2PI))
            : -StrictMath.sqrt(3) / StrictMath.PI * StrictMath.log(StrictMath.expm1(-z));
    for (int i = 0; i < 100; i++) {
      double logNdtrX = logNdtr(x);
      double dx = (logNdtrX - z) * StrictMath.exp(logNdtrX - logPdf(x));
      x -= dx;
      if (dx == 0 || Math.abs(dx) < 1e-12 * Math.abs(x)) {
        break;
      }
    }
    return flipped ? -x : x;
  }
}
