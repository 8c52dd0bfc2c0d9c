package dev.atelier.workflows.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Parzen estimator over three observations, against values worked out by hand from Optuna's rules
 * and checked with Optuna 5.1.0's {@code _ParzenEstimator} (prior weight 1, magic clip on,
 * endpoints off).
 */
class ParzenEstimatorTest {
  static final Dimension X = num("x", "uniform", 0, 10, null, false);
  static final Dimension LR = num("lr", "log_uniform", 1e-4, 1e-2, null, false);
  static final Dimension W = num("w", "int", 32, 128, 32.0, false);
  static final Dimension C =
      Dimension.of(
          new ParamSpec(
              "c",
              "categorical",
              null,
              null,
              null,
              false,
              List.of("bce", "hinge", "wgan"),
              null,
              null));

  static Dimension num(String name, String kind, double lo, double hi, Double step, boolean log) {
    return Dimension.of(new ParamSpec(name, kind, lo, hi, step, log, null, null, null));
  }

  /** Rows: (x, lr, w, c index) of three trials. */
  static final List<double[]> OBS =
      List.of(
          new double[] {2, 1e-3, 32, 0},
          new double[] {5, 1e-4, 64, 0},
          new double[] {9, 5e-3, 128, 2});

  static List<double[]> column(int j) {
    List<double[]> out = new ArrayList<>();
    OBS.forEach(r -> out.add(new double[] {r[j]}));
    return out;
  }

  @Test
  void threeObservationsAndThePriorWeighOneQuarterEach() {
    ParzenEstimator pe = new ParzenEstimator(List.of(X, LR, W, C), OBS);
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, pe.weights(), 1e-15);
  }

  @Test
  void bandwidthsAreTheWiderGapToANeighbourExceptAtTheEndsAndThePriorSpansTheRange() {
    ParzenEstimator pe = new ParzenEstimator(List.of(X, LR, W, C), OBS);
    // x: sorted 2, 5, 9 in [0, 10]: 2 looks right only (3), 5 takes max(3, 4), 9 looks left (4);
    // the floor is 10 / min(100, 3 + 2) = 2. The prior: mu 5, sigma 10.
    Kernels.Numeric x = (Kernels.Numeric) pe.kernels(0);
    assertArrayEquals(new double[] {2, 5, 9, 5}, x.mus, 1e-12);
    assertArrayEquals(new double[] {3, 4, 4, 10}, x.sigmas, 1e-12);
    // lr in log space: ln 1e-3, ln 1e-4, ln 5e-3; gaps ln 10 = 2.3026 and ln 5 = 1.6094.
    Kernels.Numeric lr = (Kernels.Numeric) pe.kernels(1);
    double ln10 = Math.log(10);
    assertArrayEquals(
        new double[] {Math.log(1e-3), Math.log(1e-4), Math.log(5e-3), Math.log(1e-3)},
        lr.mus,
        1e-12);
    assertArrayEquals(new double[] {ln10, ln10, Math.log(5), 2 * ln10}, lr.sigmas, 1e-12);
    // w on a step of 32: the domain widens by half a step each side, [16, 144].
    Kernels.Numeric w = (Kernels.Numeric) pe.kernels(2);
    assertArrayEquals(new double[] {32, 64, 128, 80}, w.mus, 1e-12);
    assertArrayEquals(new double[] {32, 64, 64, 128}, w.sigmas, 1e-12);
  }

  @Test
  void categoricalRowsArePriorOverNPlusOneEverywherePlusOneOnTheObservedChoice() {
    ParzenEstimator pe = new ParzenEstimator(List.of(X, LR, W, C), OBS);
    double[][] rows = ((Kernels.Categorical) pe.kernels(3)).weights;
    double hi = 1.25 / 1.75;
    double lo = 0.25 / 1.75;
    assertArrayEquals(new double[] {hi, lo, lo}, rows[0], 1e-12);
    assertArrayEquals(new double[] {hi, lo, lo}, rows[1], 1e-12);
    assertArrayEquals(new double[] {lo, lo, hi}, rows[2], 1e-12);
    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, rows[3], 1e-12);
  }

  @Test
  void logDensitiesMatchOptuna() {
    ParzenEstimator joint = new ParzenEstimator(List.of(X, LR, W, C), OBS);
    assertEquals(-5.495098697962115, joint.logPdf(new double[] {3.0, 2e-3, 64, 0}), 1e-9);
    assertEquals(-7.304842634315336, joint.logPdf(new double[] {9.5, 1e-4, 96, 1}), 1e-9);
    double[][] expected = {
      {-2.2116525130387164, -2.4712953539437703},
      {-1.4462847370893237, -1.6925259348713908},
      {-1.273246950422179, -1.4700236737385002},
      {-0.7419373447293773, -1.6582280766035324}
    };
    double[][] at = {{3.0, 9.5}, {2e-3, 1e-4}, {64, 96}, {0, 1}};
    List<Dimension> dims = List.of(X, LR, W, C);
    for (int j = 0; j < 4; j++) {
      ParzenEstimator one = new ParzenEstimator(List.of(dims.get(j)), column(j));
      for (int i = 0; i < 2; i++) {
        assertEquals(expected[j][i], one.logPdf(new double[] {at[j][i]}), 1e-9, dims.get(j).name());
      }
    }
  }

  @Test
  void beyondTwentyFiveObservationsTheOldestWeighLess() {
    double[] w = ParzenEstimator.defaultWeights(30);
    assertArrayEquals(
        new double[] {1 / 30.0, 0.275, 0.5166666666666667, 0.7583333333333333, 1.0, 1.0},
        Arrays.copyOf(w, 6),
        1e-12);
    assertEquals(30, Arrays.stream(w).filter(v -> v > 0).count());
  }
}
