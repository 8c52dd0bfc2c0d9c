package dev.atelier.workflows.dsl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kubernetes' naming and quantity rules for the pod arguments of a {@link KubernetesJobOperator}
 * and a {@link TrainOperator}, checked when the Dag is built so a bad label or quantity is reported
 * with the task instead of by the API server hours later. Values that are XComArgs or params are
 * known only at run time and left to the API server.
 */
final class PodArgs {
  static final List<String> VOLUME_TYPES =
      List.of("configMap", "secret", "emptyDir", "persistentVolumeClaim");
  static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");
  static final List<String> TOLERATION_EFFECTS =
      List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  static final List<String> AFFINITY_KINDS =
      List.of("nodeAffinity", "podAffinity", "podAntiAffinity");
  static final List<String> RESOURCE_KINDS = List.of("requests", "limits");

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
  private static final Pattern QUANTITY =
      Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
  static final String GPU = "nvidia.com/gpu";

  private PodArgs() {}

  /** A map in the order given, nulls left out (what the arguments' JSON form should read like). */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }

  /** Kubernetes' qualified name: an optional DNS-subdomain prefix and '/', then a name. */
  static String labelKeyProblem(String key) {
    String name = key;
    int slash = key.lastIndexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return "its prefix must be a DNS subdomain (lowercase alphanumerics, '-' and '.')";
      }
    }
    if (name.length() > 63 || !NAME.matcher(name).matches()) {
      return "its name must be at most 63 alphanumerics, '-', '_' or '.', starting and ending"
          + " alphanumeric";
    }
    return null;
  }

  static boolean labelValueOk(String value) {
    return value.isEmpty() || (value.length() <= 63 && NAME.matcher(value).matches());
  }

  static boolean dnsSubdomain(String name) {
    return name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
  }

  /** Kubernetes' DNS-1123 label: a volume's or a Kueue LocalQueue's name. */
  static boolean dnsLabel(String name) {
    return name.length() <= 63 && DNS_LABEL.matcher(name).matches();
  }

  static boolean envName(String name) {
    return ENV_NAME.matcher(name).matches();
  }

  static boolean quantity(String q) {
    return QUANTITY.matcher(q).matches();
  }

  /**
   * An argument value with the typed helpers ({@link PodToleration}, {@link PodVolume}, {@link
   * PodVolumeMount}, {@link PodSecret}), alone or in a list, turned into the maps the spec carries,
   * so a {@code TrainOperator}'s kwargs may use them as a {@link KubernetesJobOperator}'s setters
   * do.
   */
  static Object plain(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(PodArgs::plain).toList();
    }
    if (value instanceof PodToleration t) {
      return t.toArg();
    }
    if (value instanceof PodVolume v) {
      return v.toArg();
    }
    if (value instanceof PodVolumeMount m) {
      return m.toArg();
    }
    if (value instanceof PodSecret s) {
      return s.toArg();
    }
    return value;
  }
}
