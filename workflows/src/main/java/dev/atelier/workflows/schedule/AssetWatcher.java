package dev.atelier.workflows.schedule;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Airflow 3's {@code AssetWatcher}: the app itself watches where an asset's data lives and emits
 * the asset's events when its content changes — no producer has to call the API. Declared on the
 * {@link Asset} a Dag is scheduled on ({@code Asset.of(uri).watchedBy(AssetWatcher.folder(...))},
 * Airflow's {@code Asset(uri, watchers=[AssetWatcher(...)])}); when the Dag is registered the app
 * registers a dataset source of this name for the location (a version per content digest, curated,
 * see the README's "Datasets and retraining"), whose new versions emit events on the asset's URI
 * after {@code quietSeconds} without further change.
 *
 * @param name the dataset source's name (the datasets page and {@code
 *     /api/atelier/datasets/{name}})
 * @param location an absolute folder path, or an {@code s3://bucket/prefix} URI
 * @param quietSeconds how long the listing must stay unchanged before a scan, so a copy still in
 *     progress is not taken half-way
 */
public record AssetWatcher(String name, String location, int quietSeconds) {
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  /** The quiet period when none is given. */
  public static final int DEFAULT_QUIET_SECONDS = 5;

  public AssetWatcher {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "AssetWatcher name: '"
              + name
              + "' must be 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
    if (location == null
        || location.isBlank()
        || !(location.startsWith("s3://") || Path.of(location).isAbsolute())) {
      throw new IllegalArgumentException(
          "AssetWatcher '"
              + name
              + "' location: '"
              + location
              + "' must be an absolute folder path or an s3://bucket/prefix URI");
    }
    if (quietSeconds < 0 || quietSeconds > 3600) {
      throw new IllegalArgumentException(
          "AssetWatcher '"
              + name
              + "' quietSeconds: "
              + quietSeconds
              + " must be between 0 and 3600");
    }
  }

  /** Watches a folder (sub-folders are classes) with the default quiet period. */
  public static AssetWatcher folder(String name, String path) {
    return new AssetWatcher(name, path, DEFAULT_QUIET_SECONDS);
  }

  /** Watches the objects under an S3-compatible bucket prefix with the default quiet period. */
  public static AssetWatcher bucket(String name, String s3Uri) {
    return new AssetWatcher(name, s3Uri, DEFAULT_QUIET_SECONDS);
  }

  public AssetWatcher quietSeconds(int seconds) {
    return new AssetWatcher(name, location, seconds);
  }
}
