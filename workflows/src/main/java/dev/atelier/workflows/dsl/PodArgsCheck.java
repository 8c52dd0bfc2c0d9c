package dev.atelier.workflows.dsl;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Definition-time checks of the pod arguments of a {@link KubernetesJobOperator} and a {@link
 * TrainOperator} (one set of rules for both, so a label or a quantity means the same in either);
 * each violation names the task, the field, the value and the rule. Arguments given as params or
 * XComArgs, or mapped, are checked by the API server when the Job is created.
 */
final class PodArgsCheck {
  private static final List<String> MAPS =
      List.of(
          "env_vars", "container_resources", "node_selector", "labels", "annotations", "affinity");
  private static final List<String> LISTS_OF_MAPS =
      List.of("secrets", "tolerations", "volumes", "volume_mounts");

  private PodArgsCheck() {}

  /** A {@link KubernetesJobOperator}'s arguments: their names, its image, then {@link #podArgs}. */
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
    podArgs(taskId, args, out);
  }

  /** The literal values among {@code args} that a pod takes, whichever operator gave them. */
  static void podArgs(String taskId, Map<String, Object> args, List<String> out) {
    String at = "Task '" + taskId + "': ";
    shapes(at, args, out);
    if (args.get("startup_timeout_seconds") instanceof Number n && n.longValue() < 1) {
      out.add(at + "startup_timeout_seconds must be at least 1, got " + Values.show(n));
    }
    Object deadline = args.get("active_deadline_seconds");
    if (deadline != null
        && literal(deadline)
        && !((deadline instanceof Integer || deadline instanceof Long)
            && ((Number) deadline).longValue() >= 1)) {
      out.add(
          at
              + "active_deadline_seconds must be a whole number of seconds, at least 1, got "
              + Values.show(deadline));
    }
    stringMap(args.get("labels")).forEach((k, v) -> label(at, "labels", k, v, out));
    stringMap(args.get("node_selector")).forEach((k, v) -> label(at, "node_selector", k, v, out));
    stringMap(args.get("annotations")).forEach((k, v) -> annotation(at, k, v, out));
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
    affinity(at, args.get("affinity"), out);
    Set<String> volumes = new HashSet<>();
    for (Map<?, ?> v : maps(args.get("volumes"))) {
      Object name = v.get("name");
      if (!(name instanceof String n) || !PodArgs.dnsLabel(n)) {
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
      Object subPath = m.get("sub_path");
      if (subPath != null && !(subPath instanceof String p && relative(p))) {
        out.add(
            at
                + "volume_mounts sub_path "
                + Values.show(subPath)
                + " must be a relative path without '..'");
      }
    }
    name(
        at,
        args,
        "priority_class_name",
        PodArgs::dnsSubdomain,
        "a PriorityClass name (a DNS subdomain)",
        out);
    name(
        at,
        args,
        "service_account_name",
        PodArgs::dnsSubdomain,
        "a ServiceAccount name (a DNS subdomain)",
        out);
    name(
        at,
        args,
        "queue_name",
        PodArgs::dnsLabel,
        "a Kueue LocalQueue name (a DNS label: at most 63 lowercase alphanumerics or '-',"
            + " starting and ending alphanumeric)",
        out);
  }

  /** Maps and lists of maps given as something else, which the other checks would pass over. */
  private static void shapes(String at, Map<String, Object> args, List<String> out) {
    for (String field : MAPS) {
      Object v = args.get(field);
      if (v != null && literal(v) && !(v instanceof Map)) {
        out.add(at + field + " must be a map, got " + Values.show(v));
      }
    }
    for (String field : LISTS_OF_MAPS) {
      Object v = args.get(field);
      if (v != null
          && literal(v)
          && !(v instanceof List<?> list
              && list.stream().allMatch(e -> e instanceof Map || (e != null && !literal(e))))) {
        out.add(at + field + " must be a list of maps, got " + Values.show(v));
      }
    }
  }

  private static void name(
      String at,
      Map<String, Object> args,
      String field,
      Predicate<String> ok,
      String rule,
      List<String> out) {
    Object v = args.get(field);
    if (v != null && literal(v) && !(v instanceof String s && ok.test(s))) {
      out.add(at + field + " " + Values.show(v) + " must be " + rule);
    }
  }

  private static void annotation(String at, Object key, Object value, List<String> out) {
    String problem = PodArgs.labelKeyProblem(String.valueOf(key));
    if (problem != null) {
      out.add(
          at + "annotations key " + Values.show(String.valueOf(key)) + " is invalid: " + problem);
    }
    if (!(value instanceof String) && literal(value)) {
      out.add(
          at
              + "annotations value "
              + Values.show(value)
              + " of "
              + Values.show(String.valueOf(key))
              + " must be a string");
    }
  }

  /** Kubernetes' affinity: its three kinds by their JSON names, each a map passed on as given. */
  private static void affinity(String at, Object value, List<String> out) {
    if (!(value instanceof Map<?, ?> affinity)) {
      return;
    }
    affinity.forEach(
        (kind, rules) -> {
          if (!PodArgs.AFFINITY_KINDS.contains(String.valueOf(kind))) {
            out.add(
                at
                    + "affinity key "
                    + Values.show(String.valueOf(kind))
                    + " is not one of "
                    + PodArgs.AFFINITY_KINDS);
          } else if (!(rules instanceof Map) && literal(rules)) {
            out.add(at + "affinity." + kind + " must be a map, got " + Values.show(rules));
          }
        });
  }

  private static boolean relative(String path) {
    return !path.startsWith("/") && List.of(path.split("/")).stream().noneMatch(".."::equals);
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
    for (Object kind : resources.keySet()) {
      if (!PodArgs.RESOURCE_KINDS.contains(String.valueOf(kind))) {
        out.add(
            at
                + "container_resources key "
                + Values.show(String.valueOf(kind))
                + " is not one of "
                + PodArgs.RESOURCE_KINDS);
      } else if (resources.get(kind) != null
          && literal(resources.get(kind))
          && !(resources.get(kind) instanceof Map)) {
        out.add(
            at
                + "container_resources."
                + kind
                + " must be a map, got "
                + Values.show(resources.get(kind)));
      }
    }
    for (String kind : PodArgs.RESOURCE_KINDS) {
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
