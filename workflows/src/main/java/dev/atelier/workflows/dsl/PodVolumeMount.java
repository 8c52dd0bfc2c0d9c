package dev.atelier.workflows.dsl;

import java.util.Map;

/** Where a {@link PodVolume} (by name) appears in the container, and whether read-only. */
public record PodVolumeMount(String name, String mountPath, boolean readOnly) {
  public static PodVolumeMount of(String name, String mountPath) {
    return new PodVolumeMount(name, mountPath, false);
  }

  public static PodVolumeMount readOnly(String name, String mountPath) {
    return new PodVolumeMount(name, mountPath, true);
  }

  Map<String, Object> toArg() {
    return PodArgs.ordered("name", name, "mount_path", mountPath, "read_only", readOnly);
  }
}
