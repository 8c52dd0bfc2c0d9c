package dev.atelier.activities.jobs;

import java.util.Locale;

/**
 * Kubernetes naming rules in one place: Job names are DNS-1123 labels (lowercase alphanumerics and
 * '-', at most 63 characters, because the Job controller copies the name into a pod label); label
 * values allow [A-Za-z0-9_.-], at most 63, starting and ending alphanumeric.
 */
public final class JobNames {
  static final int MAX = 63;

  /** Hex characters of the key's digest a name ends with: 64 bits tell tries apart. */
  static final int NAME_DIGEST_HEX = 16;

  private JobNames() {}

  /**
   * A Job name for one try: a readable prefix ({@code kind}, Dag and task ids, map index, try
   * number) for {@code kubectl get jobs}, then the start of the key's SHA-256, which is what makes
   * it unique; a run id never shows in it (it holds ':' and '+', and is long).
   */
  public static String of(String kind, JobKey key) {
    String index = key.mapIndex() < 0 ? "" : "-" + key.mapIndex();
    String suffix =
        index + "-t" + key.tryNumber() + "-" + key.digest().substring(0, NAME_DIGEST_HEX);
    String prefix =
        dnsLabel(
            kind + "-" + key.dagId().replace('_', '-') + "-" + key.taskId().replace('_', '-'),
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
