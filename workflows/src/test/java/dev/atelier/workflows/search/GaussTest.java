package dev.atelier.workflows.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The normal's tails and the truncated normal's quantiles, against Optuna's {@code _truncnorm}. */
class GaussTest {
  @Test
  void cdfAndItsLogHoldFarIntoTheTails() {
    assertEquals(0.8413447460685429, Gauss.ndtr(1.0), 1e-15);
    assertEquals(0.0013498980316300946, Gauss.ndtr(-3.0), 1e-15);
    assertEquals(-454.32124395634315, Gauss.logNdtr(-30.0), 1e-9);
    assertEquals(-15.064998393988724, Gauss.logNdtr(-5.0), 1e-11);
    assertEquals(-6.220960574271819e-16, Gauss.logNdtr(8.0), 1e-20);
  }

  @Test
  void logMassOfAnIntervalInTheCentreAndInBothTails() {
    assertEquals(-0.6295956325528635, Gauss.logMass(-1.0, 0.5), 1e-12);
    assertEquals(-3.8443534263342047, Gauss.logMass(2.0, 3.0), 1e-11);
    assertEquals(-765.0831565643776, Gauss.logMass(-40.0, -39.0), 1e-8);
    assertEquals(-454.3212439563432, Gauss.logMass(30.0, 31.0), 1e-8);
  }

  @Test
  void truncatedQuantilesMatchOptuna() {
    assertEquals(-0.24240381788922694, Gauss.ppf(0.3, -1.0, 2.0), 1e-10);
    assertEquals(0.07003998443194208, Gauss.ppf(0.9, -0.2, 0.1), 1e-10);
    assertEquals(0.0, Gauss.ppf(0.5, -50.0, 50.0), 1e-10);
    assertEquals(-2.999887503832019, Gauss.ppf(1e-6, -3.0, 0.0), 1e-9);
  }
}
