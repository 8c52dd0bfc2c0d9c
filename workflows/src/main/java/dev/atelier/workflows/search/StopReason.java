package dev.atelier.workflows.search;

/**
 * Why the sweep stopped a trial early. The name in lower case is what MLflow's {@code
 * atelier.stop_reason} tag, the task grid and the sweep page show.
 */
public enum StopReason {
  /** Successive halving / Hyperband: not in the top 1/η at a rung. */
  RUNG,
  /** A NaN/Inf loss or metric, or D's loss pinned near zero. */
  DIVERGED,
  /** Sample diversity below a fraction of the real data's for k evaluations. */
  MODE_COLLAPSE,
  /** D overpowers G: the real/fake gap or D's accuracy stayed high over a window. */
  D_OVERPOWERING,
  /** The objective did not improve for N evaluations. */
  NO_IMPROVEMENT,
  /** PBT: a better member's checkpoint replaces this one's. */
  EXPLOITED,
  /** The sweep's budget ran out, or a person stopped the sweep. */
  SWEEP_STOPPED;

  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
