package dev.atelier.workflows.schedule;

import java.util.List;

/** The rule every asset combination shares: at least one part, none missing. */
final class Conditions {
  private Conditions() {}

  static <T> List<T> checked(String name, List<T> parts) {
    if (parts == null || parts.isEmpty()) {
      throw new IllegalArgumentException(name + "(): needs at least one asset or condition");
    }
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) == null) {
        throw new IllegalArgumentException(name + "(): part " + i + " is null");
      }
    }
    return List.copyOf(parts);
  }
}
