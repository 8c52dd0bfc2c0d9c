package dev.atelier.workflows.dsl;

import java.util.Map;

/**
 * A pod volume for a {@link KubernetesJobOperator}: {@code type} is one of {@link
 * PodArgs#VOLUME_TYPES} and {@code source} names the ConfigMap, Secret or PersistentVolumeClaim
 * (null for emptyDir).
 */
public record PodVolume(String name, String type, String source) {
  public static PodVolume configMap(String name, String configMap) {
    return new PodVolume(name, "configMap", configMap);
  }

  public static PodVolume secret(String name, String secret) {
    return new PodVolume(name, "secret", secret);
  }

  public static PodVolume emptyDir(String name) {
    return new PodVolume(name, "emptyDir", null);
  }

  public static PodVolume persistentVolumeClaim(String name, String claim) {
    return new PodVolume(name, "persistentVolumeClaim", claim);
  }

  Map<String, Object> toArg() {
    return PodArgs.ordered("name", name, "type", type, "source", source);
  }
}
