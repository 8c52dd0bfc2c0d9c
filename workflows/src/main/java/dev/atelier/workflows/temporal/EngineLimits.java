package dev.atelier.workflows.temporal;

/**
 * How big one workflow history may grow. A Dag run continues as new once its history passes {@code
 * historyEvents} (Temporal slows down past a few thousand events and stops at 51,200); a mapped
 * task with more than {@code inlineMapLimit} instances runs them in child workflows of {@code
 * mapChunkSize} instances each, so no single history holds them all. Tests lower these.
 */
public record EngineLimits(int historyEvents, int inlineMapLimit, int mapChunkSize) {
  public static final EngineLimits DEFAULT = new EngineLimits(4_000, 256, 128);

  static EngineLimits orDefault(EngineLimits limits) {
    return limits == null ? DEFAULT : limits;
  }
}
