package dev.atelier.activities.podjobs;

import dev.atelier.activities.jobs.JobNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A KubernetesJobOperator try's arguments (Airflow's names, as the Dag's spec carries them), read
 * from the task call with Airflow's defaults: {@code startup_timeout_seconds} 120, {@code get_logs}
 * true. {@code labels} already include Atelier's own (Dag, run, task, map index, try).
 */
public record PodJobRequest(
    String image,
    List<String> cmds,
    List<String> arguments,
    Map<String, String> envVars,
    List<Map<String, Object>> secrets,
    Map<String, Object> containerResources,
    Map<String, String> nodeSelector,
    List<Map<String, Object>> tolerations,
    List<Map<String, Object>> volumes,
    List<Map<String, Object>> volumeMounts,
    Map<String, String> labels,
    Map<String, String> annotations,
    String priorityClassName,
    long startupTimeoutSeconds,
    boolean getLogs,
    String namespace) {
  static final long DEFAULT_STARTUP_TIMEOUT_SECONDS = 120;

  /** The request for {@code args}; {@code own} are Atelier's labels (exact values). */
  static PodJobRequest of(
      Map<String, Object> args, Map<String, String> own, String defaultNamespace) {
    Object image = args.get("image");
    if (!(image instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(
          "image: " + image + " must be a container image name (it is required)");
    }
    Map<String, String> labels = new LinkedHashMap<>(strings(args.get("labels")));
    own.forEach((k, v) -> labels.put(k, JobNames.labelValue(v)));
    Object timeout = args.get("startup_timeout_seconds");
    long startup = timeout instanceof Number n ? n.longValue() : DEFAULT_STARTUP_TIMEOUT_SECONDS;
    if (startup < 1) {
      throw new IllegalArgumentException(
          "startup_timeout_seconds: " + timeout + " must be at least 1");
    }
    Object namespace = args.get("namespace");
    return new PodJobRequest(
        s,
        list(args.get("cmds")),
        list(args.get("arguments")),
        strings(args.get("env_vars")),
        maps(args.get("secrets")),
        args.get("container_resources") instanceof Map<?, ?> m ? objects(m) : Map.of(),
        strings(args.get("node_selector")),
        maps(args.get("tolerations")),
        maps(args.get("volumes")),
        maps(args.get("volume_mounts")),
        labels,
        Map.copyOf(own),
        args.get("priority_class_name") instanceof String p ? p : null,
        startup,
        !Boolean.FALSE.equals(args.get("get_logs")),
        namespace instanceof String ns && !ns.isBlank() ? ns : defaultNamespace);
  }

  private static List<String> list(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> l)) {
      return List.of(String.valueOf(value)); // a single mapped value, e.g. expand over strings
    }
    return l.stream().map(String::valueOf).toList();
  }

  private static Map<String, String> strings(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  private static Map<String, Object> objects(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static List<Map<String, Object>> maps(Object value) {
    if (!(value instanceof List<?> l)) {
      return List.of();
    }
    return l.stream().filter(Map.class::isInstance).map(o -> objects((Map<?, ?>) o)).toList();
  }
}
