package dev.atelier.workflows.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Airflow 3's {@code Asset(name, uri, group)}: a logical name for data that a producer announces
 * changes of (an asset event: a task's {@code outlets}, {@code POST /api/v2/assets/events}) and
 * that consumers are scheduled on ({@link Timetable#assets}). As in Airflow, an asset declared by
 * URI alone is named by its URI, and one declared by name alone has its name as URI; scheduling
 * reads the URI only. With {@link #watchedBy} the app itself watches where the data lives and emits
 * the asset's events ({@link AssetWatcher}).
 *
 * @param name how the API and pages name the asset (at most 1500 characters)
 * @param uri what events and schedules refer to (no spaces, at most 3000 characters)
 * @param group Airflow's asset group, {@value #DEFAULT_GROUP} unless given
 */
public record Asset(String name, String uri, String group, List<AssetWatcher> watchers)
    implements AssetCondition, AssetOutlet {
  /** Airflow's default group of an asset. */
  public static final String DEFAULT_GROUP = "asset";

  static final int MAX_NAME = 1500;
  static final int MAX_URI = 3000;

  public Asset {
    watchers = watchers == null ? List.of() : List.copyOf(watchers);
    uri = checkUri("asset", uri);
    name = checkText("asset '" + uri + "' name", name == null ? uri : name);
    group = checkText("asset '" + uri + "' group", group == null ? DEFAULT_GROUP : group);
  }

  /** Airflow's {@code Asset("s3://bucket/key")}: named by its URI. */
  public static Asset of(String uri) {
    return new Asset(null, uri, null, List.of());
  }

  /** Airflow's {@code Asset(name="x", uri="s3://...")}. */
  public static Asset of(String name, String uri) {
    return new Asset(name, uri, null, List.of());
  }

  /** Airflow's {@code Asset(name="x")}: its name is its URI too. */
  public static Asset named(String name) {
    return new Asset(name, name, null, List.of());
  }

  /** This asset in another group. */
  public Asset inGroup(String value) {
    return new Asset(name, uri, value, watchers);
  }

  /** Airflow 3's {@code Asset(uri, watchers=[...])}: this asset with these watchers too. */
  public Asset watchedBy(AssetWatcher... more) {
    List<AssetWatcher> all = new ArrayList<>(watchers);
    all.addAll(List.of(more));
    return new Asset(name, uri, group, all);
  }

  @Override
  public List<Asset> assets() {
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

  static String checkUri(String what, String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException(what + " uri '" + uri + "': must not be blank");
    }
    if (!uri.equals(uri.strip()) || uri.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(what + " uri '" + uri + "': must not contain spaces");
    }
    if (uri.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          what + " uri '" + uri.replace("\0", "\\u0000") + "': must not contain NUL (U+0000)");
    }
    if (uri.length() > MAX_URI) {
      throw new IllegalArgumentException(
          what + " uri '" + uri.substring(0, 40) + "…': longer than " + MAX_URI + " characters");
    }
    return uri;
  }

  static String checkText(String what, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " '" + value + "': must not be blank");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          what + " '" + value.replace("\0", "\\u0000") + "': must not contain NUL (U+0000)");
    }
    if (value.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          what + " '" + value.substring(0, 40) + "…': longer than " + MAX_NAME + " characters");
    }
    return value;
  }
}
