package dev.atelier.ui.service;

/**
 * The target paths audit rows name, in one place, so the audit page's prefix filter works across
 * actions: {@code dag/<id>} covers the Dag's pauses, its runs ({@code dag/<id>/run/<run>}) and
 * their sweeps ({@code …/sweep/<task>}).
 */
public final class AuditTargets {
  private AuditTargets() {}

  public static String dag(String dagId) {
    return "dag/" + dagId;
  }

  public static String run(String dagId, String runId) {
    return dag(dagId) + "/run/" + runId;
  }

  public static String sweep(String dagId, String runId, String taskId) {
    return run(dagId, runId) + "/sweep/" + taskId;
  }

  public static String backfill(String dagId, long backfillId) {
    return dag(dagId) + "/backfill/" + backfillId;
  }

  public static String pool(String name) {
    return "pool/" + name;
  }

  public static String dataset(String uri) {
    return "dataset/" + uri;
  }
}
