package dev.atelier.workflows.schedule;

import java.util.Set;

/**
 * Airflow's {@code Dataset(uri)}: a logical name for data that a producer announces changes of (a
 * dataset event) and consumers are scheduled on. Only the URI matters; nothing reads it.
 */
public record Dataset(String uri) implements DatasetCondition {
  public Dataset {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("dataset uri '" + uri + "': must not be blank");
    }
    if (!uri.equals(uri.strip()) || uri.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("dataset uri '" + uri + "': must not contain spaces");
    }
    if (uri.length() > 3000) {
      throw new IllegalArgumentException(
          "dataset uri '" + uri.substring(0, 40) + "…': longer than 3000 characters");
    }
  }

  public static Dataset of(String uri) {
    return new Dataset(uri);
  }

  @Override
  public boolean evaluate(Set<String> changedUris) {
    return changedUris.contains(uri);
  }

  @Override
  public Set<String> uris() {
    return Set.of(uri);
  }

  @Override
  public String describe() {
    return uri;
  }
}
