package dev.atelier.workflows.schedule;

import dev.atelier.workflows.dags.EmojiDcganSweep;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import java.util.List;

/**
 * "A changed dataset starts retraining on its own, and the result meets the champion in review":
 * {@code prepare_dataset >> train >> pick_best >> evaluate_champion >> review} ({@link
 * EmojiDcganSweep#retrain}), scheduled on the asset {@value #DATASET_URI}. The retrain trains two
 * DCGAN trials on the new data, measures the champion's checkpoint on the same data with the same
 * probe latents, and asks a lead to approve the challenger or keep the champion, with both sides'
 * numbers and grids on the review page.
 *
 * <p>Two ways in. With {@code $}{@value #WATCH_ENV} set to a folder, the app watches it ({@link
 * AssetWatcher}, source {@value #WATCHER_NAME}, 5 s quiet period): copying images in records a new
 * dataset version and starts the retrain with no API call, and {@code dataset_path} defaults to
 * that folder. Without it, a producer posts an event for the asset ({@code POST
 * /api/v2/assets/events} by id, or {@code POST /api/v1/datasets/events} by URI) and {@code
 * dataset_path} defaults to {@code $ATELIER_DATASET_EMOJI}.
 *
 * <p>The URI is deliberately not the {@code file://} URI the demo registers its images under before
 * it triggers {@code emoji_dcgan_sweep} by hand, so the demo never starts a second sweep.
 */
public final class EmojiDcganRetrain implements DagDefinition, ScheduleDeclaration {
  public static final String DAG_ID = "emoji_dcgan_retrain";
  public static final String DATASET_URI = "atelier://datasets/emoji-noto";

  /** The asset the Dag is scheduled on: Airflow's {@code Asset(name="emoji_noto", uri=...)}. */
  public static final Asset ASSET = Asset.of("emoji_noto", DATASET_URI);

  /** The folder the app watches for this Dag, when set. */
  public static final String WATCH_ENV = "ATELIER_RETRAIN_WATCH";

  /** The dataset source the watcher records versions under (the datasets page's name). */
  public static final String WATCHER_NAME = "emoji-retrain";

  private final String defaultDatasetPath;
  private final String watchedFolder;

  /** Used by {@code ServiceLoader}: the folders come from the environment. */
  public EmojiDcganRetrain() {
    this(
        System.getenv().getOrDefault("ATELIER_DATASET_EMOJI", ""),
        System.getenv().getOrDefault(WATCH_ENV, ""));
  }

  public EmojiDcganRetrain(String defaultDatasetPath) {
    this(defaultDatasetPath, "");
  }

  /**
   * @param watchedFolder an absolute folder the app watches and the runs train on; empty for none
   */
  public EmojiDcganRetrain(String defaultDatasetPath, String watchedFolder) {
    this.defaultDatasetPath = defaultDatasetPath;
    this.watchedFolder = watchedFolder == null ? "" : watchedFolder;
  }

  @Override
  public Timetable timetable() {
    Asset asset = ASSET;
    if (!watchedFolder.isBlank()) {
      asset = asset.watchedBy(AssetWatcher.folder(WATCHER_NAME, watchedFolder));
    }
    return Timetable.assets(asset);
  }

  @Override
  public Dag define() {
    return EmojiDcganSweep.retrain(
        Dag.builder(DAG_ID)
            .description(
                "Retrains the emoji DCGAN (two trials) whenever "
                    + DATASET_URI
                    + " changes and puts the result against the champion in review")
            .catchup(false)
            .maxActiveRuns(1)
            .tags("gan", "dcgan", "emoji", "retrain"),
        watchedFolder.isBlank() ? defaultDatasetPath : watchedFolder,
        List.of(0.0002),
        null);
  }
}
