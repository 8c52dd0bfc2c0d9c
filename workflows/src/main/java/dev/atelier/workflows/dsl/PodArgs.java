package dev.atelier.workflows.dsl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kubernetes' naming and quantity rules for {@link KubernetesJobOperator}'s arguments, checked when
 * the Dag is built so a bad label or quantity is reported with the task instead of by the API
 * server hours later. Values that are XComArgs or params are known only at run time and left to the
 * API server.
 */
final class PodArgs {
  static final List<String> VOLUME_TYPES =
      List.of("configMap", "secret", "emptyDir", "persistentVolumeClaim");
  static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");
  static final List<String> TOLERATION_EFFECTS =
      List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
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

  static boolean envName(String name) {
    return ENV_NAME.matcher(name).matches();
  }

  static boolean quantity(String q) {
    return QUANTITY.matcher(q).matches();
  }
}
