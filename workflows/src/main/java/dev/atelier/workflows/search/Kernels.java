package dev.atelier.workflows.search;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One dimension's kernels in a {@link ParzenEstimator}, the last one the prior. Numeric ones are
 * truncated normals in the dimension's working space (log for a log scale; widened by half a step
 * on each side for a discrete one), with Optuna's bandwidths: the larger gap to a sorted neighbour
 * (the domain's ends count as neighbours, except that the first and last observation look inward
 * only), clipped to [range / min(100, n + 2), range]; the prior sits mid-range with the range as
 * its bandwidth. Categorical ones are Optuna's: each observation's row is prior/(n + 1) everywhere
 * plus 1 on its choice, normalised.
 */
abstract sealed class Kernels {
  abstract double sample(int kernel, RandomGenerator rng);

  abstract double logPdf(int kernel, double x);

  static Kernels categorical(Dimension d, double[] observed) {
    int n = observed.length;
    int m = d.choices().size();
    double[][] w = new double[n + 1][m];
    if (n == 0) {
      Arrays.fill(w[0], 1.0 / m);
      return new Categorical(w);
    }
    for (double[] row : w) {
      Arrays.fill(row, ParzenEstimator.PRIOR_WEIGHT / (n + 1));
    }
    for (int i = 0; i < n; i++) {
      w[i][(int) observed[i]] += 1;
    }
    for (double[] row : w) {
      double s = Arrays.stream(row).sum();
      for (int c = 0; c < m; c++) {
        row[c] /= s;
      }
    }
    return new Categorical(w);
  }

  static Kernels numeric(Dimension d, double[] observed) {
    double low = d.low();
    double high = d.high();
    if (d.step() > 0) {
      low -= d.step() / 2;
      high += d.step() / 2;
    }
    int n = observed.length;
    double[] mus = new double[n + 1];
    for (int i = 0; i < n; i++) {
      mus[i] = d.log() ? StrictMath.log(observed[i]) : observed[i];
    }
    if (d.log()) {
      low = StrictMath.log(low);
      high = StrictMath.log(high);
    }
    double[] sigmas = new double[n + 1];
    double[] own = bandwidths(Arrays.copyOf(mus, n), low, high);
    System.arraycopy(own, 0, sigmas, 0, n);
    mus[n] = 0.5 * (low + high);
    sigmas[n] = high - low;
    return new Numeric(d, mus, sigmas, low, high);
  }

  /** Optuna's bandwidths for observations {@code mus} in [low, high]. */
  static double[] bandwidths(double[] mus, double low, double high) {
    int n = mus.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(mus[x], mus[y]));
    double[] s = new double[n + 2];
    s[0] = low;
    for (int i = 0; i < n; i++) {
      s[i + 1] = mus[order[i]];
    }
    s[n + 1] = high;
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = Math.max(s[i + 1] - s[i], s[i + 2] - s[i + 1]);
    }
    if (n >= 2) {
      sorted[0] = s[2] - s[1];
      sorted[n - 1] = s[n] - s[n - 1];
    }
    double max = high - low;
    double min = (high - low) / Math.min(100.0, n + 2.0);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[order[i]] = Math.max(min, Math.min(max, sorted[i]));
    }
    return out;
  }

  static final class Categorical extends Kernels {
    final double[][] weights;

    Categorical(double[][] weights) {
      this.weights = weights;
    }

    @Override
    double sample(int kernel, RandomGenerator rng) {
      return ParzenEstimator.pick(weights[kernel], rng.nextDouble());
    }

    @Override
    double logPdf(int kernel, double x) {
      return StrictMath.log(weights[kernel][(int) x]);
    }
  }

  static final class Numeric extends Kernels {
    final Dimension d;
    final double[] mus;
    final double[] sigmas;
    final double low;
    final double high;
    private final double[] logNorm;

    Numeric(Dimension d, double[] mus, double[] sigmas, double low, double high) {
      this.d = d;
      this.mus = mus;
      this.sigmas = sigmas;
      this.low = low;
      this.high = high;
      this.logNorm = new double[mus.length];
      for (int k = 0; k < mus.length; k++) {
        logNorm[k] = Gauss.logMass((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k]);
      }
    }

    @Override
    double sample(int kernel, RandomGenerator rng) {
      double mu = mus[kernel];
      double sigma = sigmas[kernel];
      double z = Gauss.ppf(rng.nextDouble(), (low - mu) / sigma, (high - mu) / sigma);
      double x = z * sigma + mu;
      if (d.log()) {
        x = StrictMath.exp(x);
      }
      if (d.step() > 0) {
        double k = StrictMath.rint((x - d.low()) / d.step());
        x = Math.max(d.low(), Math.min(d.high(), d.low() + k * d.step()));
      }
      return x;
    }

    @Override
    double logPdf(int kernel, double x) {
      double mu = mus[kernel];
      double sigma = sigmas[kernel];
      if (d.step() > 0) {
        double left = x - d.step() / 2;
        double right = x + d.step() / 2;
        if (d.log()) {
          left = StrictMath.log(left);
          right = StrictMath.log(right);
        }
        return Gauss.logMass((left - mu) / sigma, (right - mu) / sigma) - logNorm[kernel];
      }
      double t = d.log() ? StrictMath.log(x) : x;
      if (t < low || t > high) {
        return Double.NEGATIVE_INFINITY;
      }
      return Gauss.logPdf((t - mu) / sigma) - logNorm[kernel] - StrictMath.log(sigma);
    }
  }
}
