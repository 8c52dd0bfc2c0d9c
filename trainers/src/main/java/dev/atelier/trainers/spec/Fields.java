package dev.atelier.trainers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads typed fields out of one JSON object and records a violation, instead of throwing, for each
 * field that is missing, of the wrong type or out of range, so the parser can report them all.
 */
final class Fields {
  private final JsonNode object;
  private final String prefix;
  private final List<String> violations;

  Fields(JsonNode object, String prefix, List<String> violations) {
    this.object = object;
    this.prefix = prefix;
    this.violations = violations;
  }

  String path(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  void violation(String name, String message) {
    violations.add(path(name) + ": " + message);
  }

  Optional<JsonNode> node(String name) {
    JsonNode n = object == null ? null : object.get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  Optional<String> string(String name, boolean required) {
    Optional<JsonNode> n = node(name);
    if (n.isEmpty()) {
      if (required) {
        violation(name, "is required");
      }
      return Optional.empty();
    }
    if (!n.get().isTextual()) {
      violation(name, n.get() + " is not a string");
      return Optional.empty();
    }
    if (n.get().asText().isBlank()) {
      violation(name, n.get() + " must not be empty");
      return Optional.empty();
    }
    return Optional.of(n.get().asText());
  }

  /** A number in [min, max]; {@code minExclusive} turns the lower bound into "> min". */
  double number(String name, double fallback, double min, boolean minExclusive, double max) {
    Optional<JsonNode> n = node(name);
    if (n.isEmpty()) {
      return fallback;
    }
    if (!n.get().isNumber()) {
      violation(name, n.get() + " is not a number");
      return fallback;
    }
    double v = n.get().asDouble();
    if (minExclusive ? !(v > min) : !(v >= min)) {
      violation(name, n.get() + " must be " + (minExclusive ? "> " : ">= ") + fmt(min));
    } else if (!(v <= max)) {
      violation(name, n.get() + " must be <= " + fmt(max));
    }
    return v;
  }

  /** Like {@link #number} but the upper bound is exclusive ("< max"). */
  double fraction(String name, double fallback) {
    Optional<JsonNode> n = node(name);
    if (n.isEmpty()) {
      return fallback;
    }
    if (!n.get().isNumber()) {
      violation(name, n.get() + " is not a number");
      return fallback;
    }
    double v = n.get().asDouble();
    if (!(v >= 0)) {
      violation(name, n.get() + " must be >= 0");
    } else if (!(v < 1)) {
      violation(name, n.get() + " must be < 1");
    }
    return v;
  }

  boolean bool(String name, boolean fallback) {
    Optional<JsonNode> n = node(name);
    if (n.isEmpty()) {
      return fallback;
    }
    if (!n.get().isBoolean()) {
      violation(name, n.get() + " is not true or false");
      return fallback;
    }
    return n.get().asBoolean();
  }

  /** A string that must be one of {@code allowed}; empty when missing or not allowed. */
  Optional<String> oneOf(String name, List<String> allowed) {
    Optional<String> s = string(name, false);
    if (s.isPresent() && !allowed.contains(s.get())) {
      violation(name, "\"" + s.get() + "\" is not one of " + allowed);
      return Optional.empty();
    }
    return s;
  }

  long integer(String name, long fallback, long min, long max) {
    Optional<JsonNode> n = node(name);
    if (n.isEmpty()) {
      return fallback;
    }
    JsonNode v = n.get();
    if (!v.isNumber()) {
      violation(name, v + " is not a number");
      return fallback;
    }
    if (!v.isIntegralNumber() && !(v.decimalValue().stripTrailingZeros().scale() <= 0)) {
      violation(name, v + " is not an integer");
      return fallback;
    }
    if (!v.canConvertToLong()) {
      violation(name, v + " must be <= " + max);
      return fallback;
    }
    long l = v.asLong();
    if (l < min) {
      violation(name, v + " must be >= " + min);
    } else if (l > max) {
      violation(name, v + " must be <= " + max);
    }
    return l;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** A nested object of the spec, or empty (with a violation when required or not an object). */
  static Optional<JsonNode> object(
      JsonNode root, String name, boolean required, List<String> violations) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      if (required) {
        violations.add(name + ": is required");
      }
      return Optional.empty();
    }
    if (!n.isObject()) {
      violations.add(name + ": " + n + " is not an object");
      return Optional.empty();
    }
    return Optional.of(n);
  }

  /** Keys of a small object that are not in {@code known}: each is a violation, not a warning. */
  static void onlyKnown(JsonNode node, String prefix, List<String> known, List<String> violations) {
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                violations.add(prefix + "." + k + ": is not a known field " + known);
              }
            });
  }
}
