package dev.atelier.workflows.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Airflow's {@code Dataset(uri)} (Airflow 3's {@code Asset}): a logical name for data that a
 * producer announces changes of (a dataset event) and consumers are scheduled on. Only the URI
 * matters for scheduling; with {@link #watchedBy} the app itself watches where the data lives and
 * emits the events ({@link AssetWatcher}).
 */
public record Dataset(String uri, List<AssetWatcher> watchers) implements DatasetCondition {
  public Dataset(String uri) {
    this(uri, List.of());
  }

  public Dataset {
    watchers = watchers == null ? List.of() : List.copyOf(watchers);
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

  /** Airflow 3's {@code Asset(uri, watchers=[...])}: this dataset with these watchers. */
  public Dataset watchedBy(AssetWatcher... more) {
    List<AssetWatcher> all = new ArrayList<>(watchers);
    all.addAll(List.of(more));
    return new Dataset(uri, all);
  }

  @Override
  public List<Dataset> datasets() {
    return List.of(this);
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
