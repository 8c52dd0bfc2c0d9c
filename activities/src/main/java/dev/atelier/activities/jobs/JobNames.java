package dev.atelier.activities.jobs;

import java.util.Locale;

/**
 * Kubernetes naming rules in one place: Job names are DNS-1123 labels (lowercase alphanumerics and
 * '-', at most 63 characters, because the Job controller copies the name into a pod label); label
 * values allow [A-Za-z0-9_.-], at most 63, starting and ending alphanumeric.
 */
public final class JobNames {
  private static final int MAX = 63;

  private JobNames() {}

  /**
   * A Job name for one trial launch: readable prefix from the Dag id, the map index, and a suffix
   * from the MLflow run id so a relaunch of the same trial never collides with the old Job.
   */
  public static String forTrial(String dagId, int mapIndex, String mlflowRunId) {
    String suffix = "-" + mapIndex + "-" + dnsLabel(mlflowRunId, 8);
    String prefix = dnsLabel("trial-" + dagId.replace('_', '-'), MAX - suffix.length());
    return prefix + suffix;
  }

  /**
   * A Job name for one try of a KubernetesJobOperator instance: readable prefix from the Dag and
   * task ids, then map index and try number, and a hash of the run id, so each try of each run gets
   * its own Job and a retried activity finds the Job its try already created.
   */
  public static String forTaskTry(
      String dagId, String runId, String taskId, int mapIndex, int tryNumber) {
    String index = mapIndex < 0 ? "" : "-" + mapIndex;
    String suffix =
        index + "-t" + tryNumber + "-" + String.format("%08x", (dagId + "#" + runId).hashCode());
    String prefix =
        dnsLabel(
            "k8s-" + dagId.replace('_', '-') + "-" + taskId.replace('_', '-'),
            MAX - suffix.length());
    return prefix + suffix;
  }

  /** Lowercase, invalid characters to '-', trimmed to {@code max}, alphanumeric at both ends. */
  static String dnsLabel(String raw, int max) {
    String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    s = s.length() > max ? s.substring(0, max) : s;
    s = s.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    return s.isEmpty() ? "x" : s;
  }

  /** A label value for {@code raw} (e.g. a run id with ':' and '+'), or "" for null. */
  public static String labelValue(String raw) {
    if (raw == null) {
      return "";
    }
    String s = raw.replaceAll("[^A-Za-z0-9_.-]+", "_");
    s = s.length() > MAX ? s.substring(0, MAX) : s;
    return s.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
  }
}
