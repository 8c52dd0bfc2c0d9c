package dev.atelier.workflows.dsl;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Definition-time checks of a {@link KubernetesJobOperator}'s literal arguments; each violation
 * names the task, the field, the value and the rule. Arguments given as params or XComArgs, or
 * mapped, are checked by the API server when the Job is created.
 */
final class PodArgsCheck {
  private PodArgsCheck() {}

  static void check(
      String taskId,
      Map<String, Object> args,
      Map<String, Object> expand,
      boolean expandKwargs,
      List<String> out) {
    String at = "Task '" + taskId + "': ";
    // Every argument is optional but image, so the signature check of MappingCheck (which takes
    // every name as required) does not fit; unknown names are reported as it words them.
    for (Map<String, Object> given : List.of(args, expand)) {
      for (String name : given.keySet()) {
        if (!KubernetesJobOperator.ARGS.contains(name)) {
          out.add(taskId + "() got an unexpected argument '" + name + "'");
        }
      }
    }
    Object image = args.get("image");
    if (!expandKwargs && !expand.containsKey("image") && !args.containsKey("image")) {
      out.add(at + "image is required: the container image the Job runs, got null");
    } else if (image != null && !(image instanceof String s && !s.isBlank()) && literal(image)) {
      out.add(at + "image must be a non-empty string, got " + Values.show(image));
    }
    if (args.get("startup_timeout_seconds") instanceof Number n && n.longValue() < 1) {
      out.add(at + "startup_timeout_seconds must be at least 1, got " + Values.show(n));
    }
    stringMap(args.get("labels")).forEach((k, v) -> label(at, "labels", k, v, out));
    stringMap(args.get("node_selector")).forEach((k, v) -> label(at, "node_selector", k, v, out));
    stringMap(args.get("env_vars"))
        .keySet()
        .forEach(
            name -> {
              if (!PodArgs.envName(name)) {
                out.add(
                    at
                        + "env_vars key "
                        + Values.show(name)
                        + " is not a valid environment variable name");
              }
            });
    for (Map<?, ?> s : maps(args.get("secrets"))) {
      Object target = s.get("deploy_target");
      if (!(target instanceof String t) || !PodArgs.envName(t)) {
        out.add(
            at
                + "secrets deploy_target "
                + Values.show(target)
                + " is not a valid environment variable name");
      }
      if (!(s.get("secret") instanceof String n) || !PodArgs.dnsSubdomain(n)) {
        out.add(
            at
                + "secrets secret "
                + Values.show(s.get("secret"))
                + " must be a Secret's name (a DNS subdomain)");
      }
      if (!(s.get("key") instanceof String k) || k.isBlank()) {
        out.add(at + "secrets key " + Values.show(s.get("key")) + " must name a key of the Secret");
      }
    }
    resources(at, args.get("container_resources"), out);
    for (Map<?, ?> t : maps(args.get("tolerations"))) {
      if (t.get("operator") != null && !PodArgs.TOLERATION_OPERATORS.contains(t.get("operator"))) {
        out.add(
            at
                + "tolerations operator "
                + Values.show(t.get("operator"))
                + " is not one of "
                + PodArgs.TOLERATION_OPERATORS);
      }
      if (t.get("effect") != null && !PodArgs.TOLERATION_EFFECTS.contains(t.get("effect"))) {
        out.add(
            at
                + "tolerations effect "
                + Values.show(t.get("effect"))
                + " is not one of "
                + PodArgs.TOLERATION_EFFECTS);
      }
    }
    Set<String> volumes = new HashSet<>();
    for (Map<?, ?> v : maps(args.get("volumes"))) {
      Object name = v.get("name");
      if (!(name instanceof String n) || !PodArgs.dnsSubdomain(n) || n.length() > 63) {
        out.add(at + "volumes name " + Values.show(name) + " must be a DNS label");
      } else if (!volumes.add(n)) {
        out.add(at + "volumes name " + Values.show(n) + " is given twice");
      }
      if (!PodArgs.VOLUME_TYPES.contains(v.get("type"))) {
        out.add(
            at
                + "volumes type "
                + Values.show(v.get("type"))
                + " is not one of "
                + PodArgs.VOLUME_TYPES);
      } else if (!"emptyDir".equals(v.get("type")) && !(v.get("source") instanceof String)) {
        out.add(at + "volumes " + Values.show(name) + " needs the name of its " + v.get("type"));
      }
    }
    for (Map<?, ?> m : maps(args.get("volume_mounts"))) {
      if (args.containsKey("volumes")
          && literal(args.get("volumes"))
          && !volumes.contains(m.get("name"))) {
        out.add(
            at
                + "volume_mounts name "
                + Values.show(m.get("name"))
                + " is not one of the task's volumes "
                + volumes.stream().sorted().toList());
      } else if (!args.containsKey("volumes")) {
        out.add(at + "volume_mounts name " + Values.show(m.get("name")) + " has no volumes entry");
      }
      if (!(m.get("mount_path") instanceof String p) || !p.startsWith("/")) {
        out.add(
            at
                + "volume_mounts mount_path "
                + Values.show(m.get("mount_path"))
                + " must be an absolute path");
      }
    }
    if (args.get("priority_class_name") instanceof String p && !PodArgs.dnsSubdomain(p)) {
      out.add(
          at
              + "priority_class_name "
              + Values.show(p)
              + " must be a PriorityClass name (a DNS subdomain)");
    }
  }

  private static void label(String at, String field, Object key, Object value, List<String> out) {
    String problem = PodArgs.labelKeyProblem(String.valueOf(key));
    if (problem != null) {
      out.add(at + field + " key " + Values.show(String.valueOf(key)) + " is invalid: " + problem);
    }
    if (!(value instanceof String v) || !PodArgs.labelValueOk(v)) {
      out.add(
          at
              + field
              + " value "
              + Values.show(value)
              + " of "
              + Values.show(String.valueOf(key))
              + " must be at most 63 alphanumerics, '-', '_' or '.', starting and ending"
              + " alphanumeric");
    }
  }

  private static void resources(String at, Object value, List<String> out) {
    if (!(value instanceof Map<?, ?> resources)) {
      return;
    }
    for (String kind : List.of("requests", "limits")) {
      stringMap(resources.get(kind))
          .forEach(
              (name, q) -> {
                String field = "container_resources." + kind + "." + name;
                if (!(q instanceof String s) || !PodArgs.quantity(s)) {
                  out.add(
                      at
                          + field
                          + " "
                          + Values.show(q)
                          + " is not a Kubernetes quantity (e.g. '2', '500m', '8Gi')");
                } else if (name.equals(PodArgs.GPU) && !s.matches("[0-9]+")) {
                  out.add(at + field + " " + Values.show(q) + " must be a whole number of GPUs");
                }
              });
    }
  }

  private static boolean literal(Object value) {
    return !(value instanceof XComArg) && !(value instanceof ParamRef);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringMap(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<Map<?, ?>> maps(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(o -> (Map<?, ?>) o).toList();
  }
}
