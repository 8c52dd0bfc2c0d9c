package dev.atelier.activities.jobs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a local job inherits from the worker's environment: only what a trainer (or a tool it
 * starts) needs to find its programs, libraries, GPUs and locale, so the worker's secrets ( {@code
 * ATELIER_DB_PASSWORD}, {@code ATELIER_S3_SECRET_KEY}, ...) never reach it. The trainer reads
 * {@code ATELIER_HOME}, {@code DJL_CACHE_DIR}, {@code OMP_WAIT_POLICY} and {@code ATELIER_DEVICE};
 * its MLflow address comes in the spec file. Anything else a job needs it gets through its
 * request's {@code env_vars}, which are added on top.
 */
public final class TrainerEnvironment {
  /** Variables passed on by exact name. */
  public static final List<String> NAMES =
      List.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "JAVA_HOME",
          "LANG",
          "LANGUAGE",
          "TZ",
          "TMPDIR",
          "LD_LIBRARY_PATH",
          "CUDA_VISIBLE_DEVICES",
          "NVIDIA_VISIBLE_DEVICES",
          "OPT_OUT_TRACKING",
          "ATELIER_HOME",
          "ATELIER_DEVICE",
          "ATELIER_MLFLOW_URI");

  /** Variables passed on by prefix: locale, DJL's settings, OpenMP's threads and waiting. */
  public static final List<String> PREFIXES = List.of("LC_", "DJL_", "OMP_");

  private TrainerEnvironment() {}

  /** The allow-listed part of {@code parent}. */
  public static Map<String, String> of(Map<String, String> parent) {
    Map<String, String> out = new TreeMap<>();
    parent.forEach(
        (name, value) -> {
          if (NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith)) {
            out.put(name, value);
          }
        });
    return out;
  }
}
