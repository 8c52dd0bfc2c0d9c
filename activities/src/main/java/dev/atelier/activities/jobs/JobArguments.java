package dev.atelier.activities.jobs;

import dev.atelier.workflows.dsl.KubernetesJobOperator;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a task's Kubernetes arguments, with the KubernetesJobOperator's Airflow names, onto a
 * {@link JobRequest.Builder}. The values come untyped from a Dag's spec, params or XCom, so each is
 * checked here; every bad one is reported at once, naming the field, the value and the rule, e.g.
 * {@code volumes[1].type: 'nfs' is not one of [configMap, secret, emptyDir,
 * persistentVolumeClaim]}. {@code affinity} and {@code tolerations} take Kubernetes' own JSON form
 * (as Airflow's converters do) and pass through as fabric8 objects.
 */
public final class JobArguments {
  /** Every name a KubernetesJobOperator task may give. */
  /** The KubernetesJobOperator's arguments: the list its Dag-time check accepts. */
  public static final List<String> NAMES = KubernetesJobOperator.ARGS;

  /** Volumes and mounts named so are the launchers' own (spec, /tmp, a trial's work and data). */
  public static final String RESERVED_PREFIX = "atelier-";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
  private static final Pattern QUANTITY =
      Pattern.compile(
          "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?");
  private static final Set<String> TOLERATION_OPERATORS = Set.of("Equal", "Exists");
  private static final Set<String> TOLERATION_EFFECTS =
      Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  private final String prefix;
  private final List<String> violations = new ArrayList<>();

  private JobArguments(String prefix) {
    this.prefix = prefix;
  }

  /**
   * Puts {@code args} onto {@code into}. {@code prefix} starts every field name in an error (e.g.
   * {@code kubernetes.} for a trial's map); a name outside {@code accepted} is refused.
   *
   * @throws IllegalArgumentException naming each bad field, its value and the rule
   */
  public static JobRequest.Builder apply(
      Map<String, ?> args, String prefix, Collection<String> accepted, JobRequest.Builder into) {
    JobArguments a = new JobArguments(prefix);
    a.read(args == null ? Map.of() : args, accepted, into);
    if (!a.violations.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", a.violations));
    }
    return into;
  }

  private void read(Map<String, ?> args, Collection<String> accepted, JobRequest.Builder b) {
    for (String name : args.keySet()) {
      if (!accepted.contains(name)) {
        bad(name, args.get(name), "is not an accepted argument; accepted: " + accepted);
      }
    }
    if (args.containsKey("image")) {
      b.image(text("image", args.get("image"), "must be a container image name"));
    }
    if (args.containsKey("cmds")) {
      b.cmds(strings("cmds", args.get("cmds")));
    }
    if (args.containsKey("arguments")) {
      b.arguments(strings("arguments", args.get("arguments")));
    }
    map("env_vars", args.get("env_vars"))
        .forEach(
            (k, v) -> {
              if (!ENV_NAME.matcher(k).matches()) {
                bad("env_vars." + k, k, "is not a valid environment variable name");
              } else if (v == null || v instanceof Map || v instanceof List) {
                bad("env_vars." + k, v, "must be a string");
              } else {
                b.envVars(Map.of(k, String.valueOf(v)));
              }
            });
    secrets(args.get("secrets"), b);
    resources(args.get("container_resources"), b);
    b.nodeSelector(labels("node_selector", args.get("node_selector")));
    tolerations(args.get("tolerations"), b);
    if (args.get("affinity") != null) {
      b.affinity(affinity(args.get("affinity")));
    }
    volumes(args.get("volumes"), b);
    mounts(args.get("volume_mounts"), b);
    b.labels(labels("labels", args.get("labels")));
    map("annotations", args.get("annotations"))
        .forEach((k, v) -> b.annotations(Map.of(k, v == null ? "" : String.valueOf(v))));
    if (args.get("priority_class_name") != null) {
      b.priorityClassName(
          name("priority_class_name", args.get("priority_class_name"), DNS_SUBDOMAIN));
    }
    if (args.get("service_account_name") != null) {
      b.serviceAccountName(
          name("service_account_name", args.get("service_account_name"), DNS_SUBDOMAIN));
    }
    if (args.get("startup_timeout_seconds") != null) {
      b.startupTimeoutSeconds(
          positive("startup_timeout_seconds", args.get("startup_timeout_seconds")));
    }
    if (args.get("active_deadline_seconds") != null) {
      b.activeDeadlineSeconds(
          positive("active_deadline_seconds", args.get("active_deadline_seconds")));
    }
    Object queue = args.get("queue_name");
    if (queue != null && labelValue("queue_name", queue)) {
      b.queueName(nonBlank("queue_name", queue));
    }
    if (args.get("namespace") != null) {
      b.namespace(name("namespace", args.get("namespace"), DNS_LABEL));
    }
    if (args.get("get_logs") != null) {
      b.getLogs(bool("get_logs", args.get("get_logs")));
    }
  }

  private void secrets(Object value, JobRequest.Builder b) {
    List<Map<String, Object>> secrets = maps("secrets", value);
    for (int i = 0; i < secrets.size(); i++) {
      Map<String, Object> s = secrets.get(i);
      String at = "secrets[" + i + "].";
      Object type = s.getOrDefault("deploy_type", "env");
      if (!"env".equals(type)) {
        bad(at + "deploy_type", type, "must be 'env' (mount a Secret with volumes instead)");
      }
      String target = name(at + "deploy_target", s.get("deploy_target"), ENV_NAME);
      String secret = name(at + "secret", s.get("secret"), DNS_SUBDOMAIN);
      String key = text(at + "key", s.get("key"), "must name a key of the Secret");
      if (target != null && secret != null && key != null) {
        b.secret(new JobRequest.SecretEnv(target, secret, key));
      }
    }
  }

  private void resources(Object value, JobRequest.Builder b) {
    Map<String, Object> resources = map("container_resources", value);
    for (var kind : resources.entrySet()) {
      boolean requests = kind.getKey().equals("requests");
      if (!requests && !kind.getKey().equals("limits")) {
        bad(
            "container_resources." + kind.getKey(),
            kind.getValue(),
            "is not one of [requests, limits]");
        continue;
      }
      map("container_resources." + kind.getKey(), kind.getValue())
          .forEach(
              (resource, q) -> {
                String field = "container_resources." + kind.getKey() + "." + resource;
                String quantity = q == null ? null : String.valueOf(q);
                if (q instanceof Double d && d == Math.rint(d)) {
                  quantity = Long.toString(d.longValue()); // 1.0 after a JSON round trip
                }
                if (quantity == null || !QUANTITY.matcher(quantity).matches()) {
                  bad(field, q, "is not a Kubernetes quantity (e.g. '2', '500m', '8Gi')");
                } else if (resource.equals(JobRequest.GPU_RESOURCE)
                    && !quantity.matches("[0-9]+")) {
                  bad(field, q, "must be a whole number of GPUs");
                } else if (requests) {
                  b.request(resource, quantity);
                } else {
                  b.limit(resource, quantity);
                }
              });
    }
  }

  private void tolerations(Object value, JobRequest.Builder b) {
    List<Map<String, Object>> tolerations = maps("tolerations", value);
    for (int i = 0; i < tolerations.size(); i++) {
      String at = "tolerations[" + i + "]";
      Toleration t = convert(at, tolerations.get(i), Toleration.class);
      if (t == null) {
        continue;
      }
      if (t.getOperator() != null && !TOLERATION_OPERATORS.contains(t.getOperator())) {
        bad(at + ".operator", t.getOperator(), "is not one of " + sorted(TOLERATION_OPERATORS));
      } else if (t.getEffect() != null && !TOLERATION_EFFECTS.contains(t.getEffect())) {
        bad(at + ".effect", t.getEffect(), "is not one of " + sorted(TOLERATION_EFFECTS));
      } else {
        b.toleration(t);
      }
    }
  }

  private Affinity affinity(Object value) {
    if (!(value instanceof Map<?, ?>)) {
      bad("affinity", value, "must be a map in Kubernetes' form, e.g. {nodeAffinity: {...}}");
      return null;
    }
    return convert("affinity", value, Affinity.class);
  }

  /**
   * Kubernetes' JSON form to a fabric8 object. fabric8 keeps unknown keys aside instead of failing,
   * so a misspelt key ({@code nodeAfinity}) is caught here, where it would otherwise vanish.
   */
  private <T extends KubernetesResource> T convert(String field, Object value, Class<T> type) {
    try {
      T converted = SERIALIZATION.convertValue(value, type);
      Map<String, Object> unknown = additionalProperties(converted);
      if (!unknown.isEmpty()) {
        bad(
            field,
            value,
            "has keys a Kubernetes " + type.getSimpleName() + " does not: " + unknown.keySet());
        return null;
      }
      return converted;
    } catch (IllegalArgumentException e) {
      String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      bad(field, value, "is not a Kubernetes " + type.getSimpleName() + ": " + why);
      return null;
    }
  }

  private static Map<String, Object> additionalProperties(Object o) {
    if (o instanceof Affinity a) {
      return a.getAdditionalProperties();
    }
    if (o instanceof Toleration t) {
      return t.getAdditionalProperties();
    }
    return Map.of();
  }

  private void volumes(Object value, JobRequest.Builder b) {
    List<Map<String, Object>> volumes = maps("volumes", value);
    for (int i = 0; i < volumes.size(); i++) {
      Map<String, Object> v = volumes.get(i);
      String at = "volumes[" + i + "].";
      String name = userName(at + "name", v.get("name"));
      Object type = v.get("type");
      if (!JobRequest.VOLUME_TYPES.contains(type)) {
        bad(at + "type", type, "is not one of " + JobRequest.VOLUME_TYPES);
        continue;
      }
      String source = null;
      if (!"emptyDir".equals(type)) {
        source = name(at + "source", v.get("source"), DNS_SUBDOMAIN);
      }
      if (name != null && ("emptyDir".equals(type) || source != null)) {
        b.volume(new JobRequest.Volume(name, (String) type, source));
      }
    }
  }

  private void mounts(Object value, JobRequest.Builder b) {
    List<Map<String, Object>> mounts = maps("volume_mounts", value);
    for (int i = 0; i < mounts.size(); i++) {
      Map<String, Object> m = mounts.get(i);
      String at = "volume_mounts[" + i + "].";
      String name = userName(at + "name", m.get("name"));
      Object path = m.get("mount_path");
      if (!(path instanceof String p) || !p.startsWith("/")) {
        bad(at + "mount_path", path, "must be an absolute path");
        continue;
      }
      Object sub = m.get("sub_path");
      if (sub != null
          && (!(sub instanceof String s)
              || s.startsWith("/")
              || List.of(s.split("/")).contains(".."))) {
        bad(at + "sub_path", sub, "must be a relative path inside the volume (no '..')");
        continue;
      }
      boolean readOnly = m.get("read_only") != null && bool(at + "read_only", m.get("read_only"));
      if (name != null) {
        b.volumeMount(new JobRequest.Mount(name, p, readOnly, (String) sub));
      }
    }
  }

  /** A volume's name a task gives: a DNS label outside the launchers' reserved prefix. */
  private String userName(String field, Object value) {
    String name = name(field, value, DNS_LABEL);
    if (name != null && name.startsWith(RESERVED_PREFIX)) {
      bad(field, value, "must not start with '" + RESERVED_PREFIX + "' (Atelier's own volumes)");
      return null;
    }
    return name;
  }

  private Map<String, String> labels(String field, Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    map(field, value)
        .forEach(
            (k, v) -> {
              String problem = labelKeyProblem(k);
              if (problem != null) {
                bad(field + "." + k, k, "is not a label key: " + problem);
              } else if (labelValue(field + "." + k, v)) {
                out.put(k, String.valueOf(v));
              }
            });
    return out;
  }

  private boolean labelValue(String field, Object v) {
    if (!(v instanceof String s) || s.length() > 63 || !LABEL_NAME.matcher(s).matches()) {
      bad(
          field,
          v,
          "must be at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric");
      return false;
    }
    return true;
  }

  /** Why {@code key} is not a label key ({@code [prefix/]name}), or null when it is one. */
  static String labelKeyProblem(String key) {
    int slash = key.lastIndexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return "its prefix must be a DNS subdomain";
      }
    }
    if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
      return "its name must be 1 to 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends";
    }
    return null;
  }

  private String name(String field, Object value, Pattern rule) {
    int max = rule == DNS_SUBDOMAIN ? 253 : 63;
    if (!(value instanceof String s) || s.length() > max || !rule.matcher(s).matches()) {
      String what =
          rule == ENV_NAME
              ? "an environment variable name"
              : rule == DNS_LABEL
                  ? "a DNS label (lowercase alphanumerics and '-', at most 63)"
                  : "a DNS subdomain (lowercase alphanumerics, '-' and '.')";
      bad(field, value, "must be " + what);
      return null;
    }
    return s;
  }

  private String text(String field, Object value, String rule) {
    if (!(value instanceof String s) || s.isBlank()) {
      bad(field, value, rule);
      return null;
    }
    return s;
  }

  private String nonBlank(String field, Object value) {
    return text(field, value, "must not be blank");
  }

  private List<String> strings(String field, Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        Object o = l.get(i);
        if (o == null || o instanceof Map || o instanceof List) {
          bad(field + "[" + i + "]", o, "must be a string");
        } else {
          out.add(String.valueOf(o));
        }
      }
      return out;
    }
    if (value instanceof Map) {
      bad(field, value, "must be a list of strings");
      return List.of();
    }
    return List.of(String.valueOf(value)); // one mapped value, e.g. expand over strings
  }

  private boolean bool(String field, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    bad(field, value, "must be true or false");
    return false;
  }

  private long positive(String field, Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      if (n.longValue() >= 1) {
        return n.longValue();
      }
    } else if (value instanceof String s && s.matches("[0-9]+") && Long.parseLong(s) >= 1) {
      return Long.parseLong(s);
    }
    bad(field, value, "must be a whole number of seconds, at least 1");
    return 1;
  }

  private Map<String, Object> map(String field, Object value) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof Map<?, ?> m)) {
      bad(field, value, "must be a map");
      return out;
    }
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private List<Map<String, Object>> maps(String field, Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> l)) {
      bad(field, value, "must be a list of maps");
      return List.of();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      if (l.get(i) instanceof Map<?, ?>) {
        out.add(map(field + "[" + i + "]", l.get(i)));
      } else {
        bad(field + "[" + i + "]", l.get(i), "must be a map");
      }
    }
    return out;
  }

  private void bad(String field, Object value, String rule) {
    violations.add(prefix + field + ": " + show(value) + " " + rule);
  }

  /** A value as the error shows it: strings quoted, so '' and null differ. */
  static String show(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
