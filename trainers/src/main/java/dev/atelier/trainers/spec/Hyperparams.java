package dev.atelier.trainers.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** The knobs a sweep varies; every one is logged as an MLflow param. */
public record Hyperparams(
    double lr, double beta1, int latentDim, int batchSize, int steps, int gWidth, int dWidth) {

  public static final Hyperparams DEFAULTS = new Hyperparams(0.0002, 0.5, 64, 64, 300, 64, 64);

  /** The spec's snake_case names and values, in the order the spec documents them. */
  public Map<String, Object> asSpecMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lr", lr);
    m.put("beta1", beta1);
    m.put("latent_dim", latentDim);
    m.put("batch_size", batchSize);
    m.put("steps", steps);
    m.put("g_width", gWidth);
    m.put("d_width", dWidth);
    return m;
  }
}
