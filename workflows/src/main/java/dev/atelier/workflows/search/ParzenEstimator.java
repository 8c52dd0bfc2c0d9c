package dev.atelier.workflows.search;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A mixture of product kernels over some dimensions, one kernel per observation plus the prior
 * (Optuna's {@code _ParzenEstimator} with its defaults: prior weight 1, endpoints not considered,
 * the "magic clip" on bandwidths). With one dimension it is univariate TPE's density; with several,
 * multivariate TPE's joint one (Falkner et al. 2018): a kernel picks all its coordinates together.
 */
final class ParzenEstimator {
  static final double PRIOR_WEIGHT = 1.0;

  private final List<Dimension> dims;
  private final double[] weights;
  private final double[] logWeights;
  private final List<Kernels> kernels = new ArrayList<>();

  /**
   * @param observations rows of internal values (one per trial, in trial order), columns as {@code
   *     dims}
   */
  ParzenEstimator(List<Dimension> dims, List<double[]> observations) {
    this.dims = List.copyOf(dims);
    int n = observations.size();
    double[] w = new double[n + 1];
    double[] ramp = defaultWeights(n);
    System.arraycopy(ramp, 0, w, 0, n);
    w[n] = n == 0 ? 1.0 : PRIOR_WEIGHT;
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    this.weights = new double[n + 1];
    this.logWeights = new double[n + 1];
    for (int k = 0; k <= n; k++) {
      weights[k] = w[k] / sum;
      logWeights[k] = StrictMath.log(weights[k]);
    }
    for (int j = 0; j < dims.size(); j++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = observations.get(i)[j];
      }
      Dimension d = dims.get(j);
      kernels.add(d.categorical() ? Kernels.categorical(d, column) : Kernels.numeric(d, column));
    }
  }

  /**
   * Optuna's default weights: 1 for up to 25 observations; beyond, the older ones ramp down from
   * 1/n, the newest 25 keep 1.
   */
  static double[] defaultWeights(int n) {
    double[] w = new double[n];
    if (n < 25) {
      java.util.Arrays.fill(w, 1.0);
      return w;
    }
    int ramp = n - 25;
    for (int i = 0; i < ramp; i++) {
      w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
    }
    for (int i = ramp; i < n; i++) {
      w[i] = 1.0;
    }
    return w;
  }

  double[] weights() {
    return weights.clone();
  }

  Kernels kernels(int dim) {
    return kernels.get(dim);
  }

  /** {@code size} draws: a kernel by weight, then each coordinate from that kernel. */
  double[][] sample(RandomGenerator rng, int size) {
    double[][] out = new double[size][dims.size()];
    for (int i = 0; i < size; i++) {
      int k = pick(weights, rng.nextDouble());
      for (int j = 0; j < dims.size(); j++) {
        out[i][j] = kernels.get(j).sample(k, rng);
      }
    }
    return out;
  }

  /** The index i with cumsum(p)[i−1] ≤ u < cumsum(p)[i] (the last one absorbs rounding). */
  static int pick(double[] p, double u) {
    double acc = 0;
    for (int i = 0; i < p.length - 1; i++) {
      acc += p[i];
      if (u < acc) {
        return i;
      }
    }
    return p.length - 1;
  }

  /** log of the mixture's density (mass, for discrete coordinates) at x. */
  double logPdf(double[] x) {
    int nk = weights.length;
    double[] terms = logWeights.clone();
    for (int j = 0; j < dims.size(); j++) {
      Kernels kj = kernels.get(j);
      for (int k = 0; k < nk; k++) {
        terms[k] += kj.logPdf(k, x[j]);
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double t : terms) {
      max = Math.max(max, t);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double s = 0;
    for (double t : terms) {
      s += StrictMath.exp(t - max);
    }
    return StrictMath.log(s) + max;
  }
}
