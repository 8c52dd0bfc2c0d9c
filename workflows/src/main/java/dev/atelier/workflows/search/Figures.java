package dev.atelier.workflows.search;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as the stop and exploit sentences show them: three significant figures ("9.81", "6.02",
 * "1235"), scientific below 0.001 and from a million on ("2.0e-4"), so a learning rate and an FD
 * sit in one sentence without a column of zeros.
 */
final class Figures {
  private Figures() {}

  static String of(double x) {
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "+Inf" : "-Inf";
    }
    if (x == 0) {
      return "0";
    }
    double a = Math.abs(x);
    if (a < 1e-3 || a >= 1e6) {
      int exp = (int) Math.floor(Math.log10(a));
      BigDecimal m = BigDecimal.valueOf(x / Math.pow(10, exp)).setScale(2, RoundingMode.HALF_UP);
      if (m.abs().compareTo(BigDecimal.TEN) >= 0) {
        m = m.movePointLeft(1).setScale(2, RoundingMode.HALF_UP);
        exp++;
      }
      String ms = m.stripTrailingZeros().toPlainString();
      return (ms.contains(".") ? ms : ms + ".0") + "e" + exp;
    }
    if (a >= 100) {
      return Long.toString(Math.round(x));
    }
    return BigDecimal.valueOf(x)
        .round(new MathContext(3, RoundingMode.HALF_UP))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** A fraction as a percentage: 0.25 → "25%", 1/3 → "33%". */
  static String percent(double fraction) {
    return Math.round(fraction * 100) + "%";
  }
}
