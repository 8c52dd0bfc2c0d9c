package dev.atelier.workflows.dsl;

import java.util.Map;

/**
 * Where a {@link PodVolume} (by name) appears in the container, whether read-only, and optionally
 * which path inside the volume ({@code sub_path}, relative; null for the volume's root).
 */
public record PodVolumeMount(String name, String mountPath, boolean readOnly, String subPath) {
  public PodVolumeMount(String name, String mountPath, boolean readOnly) {
    this(name, mountPath, readOnly, null);
  }

  public static PodVolumeMount of(String name, String mountPath) {
    return new PodVolumeMount(name, mountPath, false);
  }

  public static PodVolumeMount readOnly(String name, String mountPath) {
    return new PodVolumeMount(name, mountPath, true);
  }

  /** The same mount of {@code path} inside the volume instead of its root (Airflow's sub_path). */
  public PodVolumeMount withSubPath(String path) {
    return new PodVolumeMount(name, mountPath, readOnly, path);
  }

  Map<String, Object> toArg() {
    return PodArgs.ordered(
        "name", name, "mount_path", mountPath, "read_only", readOnly, "sub_path", subPath);
  }
}
