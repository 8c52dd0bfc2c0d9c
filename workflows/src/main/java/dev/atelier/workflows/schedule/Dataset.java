package dev.atelier.workflows.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Airflow 2's {@code Dataset(uri)}, renamed {@link Asset} in Airflow 3: the same thing under its
 * old name, scheduling exactly as {@code Asset.of(uri)} does.
 *
 * @deprecated use {@link Asset} ({@code Asset.of(uri)}, {@code Asset.watchedBy}), as Airflow 3
 *     renamed datasets to assets.
 */
@Deprecated
public record Dataset(String uri, List<AssetWatcher> watchers) implements DatasetCondition {
  public Dataset(String uri) {
    this(uri, List.of());
  }

  public Dataset {
    watchers = watchers == null ? List.of() : List.copyOf(watchers);
    Asset.checkUri("dataset", uri);
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

  /** The {@link Asset} this dataset is: named by its URI, in the default group. */
  public Asset asset() {
    return new Asset(null, uri, null, watchers);
  }

  @Override
  public List<Dataset> datasets() {
    return List.of(this);
  }

  @Override
  public List<Asset> assets() {
    return List.of(asset());
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
