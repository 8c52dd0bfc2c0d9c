package dev.atelier.workflows.dsl;

import dev.atelier.workflows.schedule.Asset;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Airflow 3's {@code @asset}: a Dag defined by the one function that produces one asset. The Dag
 * and its only task take the asset's name, the task's outlet is the asset, so each success emits
 * the asset's event (which starts the Dags scheduled on it), and {@code POST
 * /api/v2/assets/{id}/materialize} runs this Dag.
 *
 * <pre>{@code
 * // @asset(uri="s3://studio/emoji/curated", schedule="@daily") def emoji_curated(): ...
 * Dag dag = AssetDag.define(
 *     Asset.of("emoji_curated", "s3://studio/emoji/curated"),
 *     b -> b.schedule("@daily"),
 *     ctx -> curate(ctx));
 * }</pre>
 */
public final class AssetDag {
  /** Airflow's {@code KEY_REGEX} for Dag and task ids, which the asset's name becomes. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,250}");

  private AssetDag() {}

  /** An unscheduled {@code @asset} Dag: it runs when triggered or materialized. */
  public static Dag define(Asset asset, TaskFunction function) {
    return define(asset, b -> b, function);
  }

  /**
   * An {@code @asset} Dag with the Dag's other settings ({@code schedule}, {@code tags}, …) made by
   * {@code settings} on the builder.
   */
  public static Dag define(Asset asset, UnaryOperator<DagBuilder> settings, TaskFunction function) {
    if (asset == null) {
      throw new IllegalArgumentException("@asset: the asset is missing");
    }
    if (!ID.matcher(asset.name()).matches()) {
      throw new IllegalArgumentException(
          "@asset: the asset's name '"
              + asset.name()
              + "' becomes the Dag's and the task's id, so it must be 1 to 250 letters, digits,"
              + " '_', '.' or '-'; name the asset: Asset.of(\"my_asset\", \""
              + asset.uri()
              + "\")");
    }
    if (function == null) {
      throw new IllegalArgumentException("@asset '" + asset.name() + "': the function is missing");
    }
    DagBuilder builder = settings.apply(Dag.builder(asset.name()));
    builder.add(new FunctionTask(asset.name(), function)).outlets(asset);
    return builder.build();
  }
}
