package dev.atelier.activities.trials;

import java.nio.file.Path;

/**
 * Where a trial keeps its spec, log and results: {@code <workDir>/trials/<dag>/<run>/<task>/<map
 * index>}. Run ids hold ':' and '+' (Airflow's {@code manual__2026-11-21T10:00:00+00:00}); each
 * part keeps only characters that are safe in a file name on every system.
 */
public final class TrialDirs {
  private TrialDirs() {}

  public static Path of(Path workDir, String dagId, String runId, String taskId, int mapIndex) {
    return workDir
        .resolve("trials")
        .resolve(part(dagId))
        .resolve(part(runId))
        .resolve(part(taskId))
        .resolve(Integer.toString(mapIndex))
        .toAbsolutePath()
        .normalize();
  }

  static String part(String raw) {
    String safe = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9._-]", "_");
    // "." and ".." would climb out of the trials folder.
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "_" + safe : safe;
  }
}
