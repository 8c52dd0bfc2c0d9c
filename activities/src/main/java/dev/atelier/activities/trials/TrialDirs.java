package dev.atelier.activities.trials;

import dev.atelier.activities.jobs.JobKey;
import java.nio.file.Path;

/**
 * Where a trial keeps its spec, log, results and checkpoints: {@code
 * <workDir>/trials/<dag>/<run>/<task>/<map index>}, the same for every try, so a relaunched trainer
 * finds its checkpoints. Run ids hold ':' and '+' (Airflow's {@code
 * manual__2026-11-21T10:00:00+00:00}); a part keeps the characters that are safe in a file name on
 * every system, and when any had to be replaced, gets the start of the raw part's SHA-256 appended,
 * so two different ids ({@code a:b}, {@code a+b}, {@code a_b}) never share a folder.
 */
public final class TrialDirs {
  /** Hex characters of the digest: 48 bits, for ids that already differ in their readable part. */
  static final int DIGEST_HEX = 12;

  private TrialDirs() {}

  public static Path of(Path workDir, String dagId, String runId, String taskId, int mapIndex) {
    return workDir.resolve(relative(dagId, runId, taskId, mapIndex)).toAbsolutePath().normalize();
  }

  /** The trial's folder below {@code workDir}: also its {@code subPath} on a shared work volume. */
  public static Path relative(String dagId, String runId, String taskId, int mapIndex) {
    return Path.of("trials", part(dagId), part(runId), part(taskId), Integer.toString(mapIndex));
  }

  static String part(String raw) {
    String given = raw == null ? "" : raw;
    String safe = given.replaceAll("[^A-Za-z0-9._-]", "_");
    // "." and ".." would climb out of the trials folder; "" is no folder at all.
    boolean unusable = safe.isEmpty() || safe.chars().allMatch(c -> c == '.');
    if (safe.equals(given) && !unusable) {
      return safe;
    }
    // A digest of the raw part keeps the mapping injective: "_" alone stands for many ids. '~' is
    // never in a part kept as given, so a digested name cannot equal one kept as it was.
    return safe + "~" + JobKey.sha256(given).substring(0, DIGEST_HEX);
  }
}
