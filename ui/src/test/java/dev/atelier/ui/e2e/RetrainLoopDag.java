package dev.atelier.ui.e2e;

import static dev.atelier.workflows.dsl.ParamRef.param;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Chain;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EvaluateChampionOperator;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.ReviewOperator;
import dev.atelier.workflows.dsl.TrainOperator;
import dev.atelier.workflows.dsl.TriggerRule;
import dev.atelier.workflows.schedule.AssetWatcher;
import dev.atelier.workflows.schedule.Dataset;
import dev.atelier.workflows.schedule.ScheduleDeclaration;
import dev.atelier.workflows.schedule.Timetable;
import java.nio.file.Path;
import java.util.List;

/**
 * The retrain loop at test size, declared as a studio would: scheduled on a dataset whose folder
 * the app watches ({@link AssetWatcher}, 1 s quiet period), so copying images in starts it. {@code
 * prepare_dataset >> train (one tiny DCGAN-32, 40 steps) >> pick_best >> evaluate_champion >>
 * review}. The folder is {@code $ATELIER_HOME/retrain-loop-e2e} (the test run's home), which only
 * {@code RetrainLoopEndToEndTest} fills.
 */
public class RetrainLoopDag implements DagDefinition, ScheduleDeclaration {
  public static final String DAG_ID = "test_retrain_loop";
  public static final String DATASET_URI = "atelier://test/retrain-loop";
  public static final String SOURCE = "retrain-loop-e2e";
  static final int STEPS = 40;

  /** The same loop on a bucket prefix: objects put under it start the Dag. */
  public static final class Bucket extends RetrainLoopDag {
    public static final String DAG_ID = "test_retrain_loop_s3";
    public static final String SOURCE = "retrain-loop-s3";
    public static final String BUCKET = "retrain-loop-e2e";
    public static final String URI = "s3://" + BUCKET + "/faces";

    public Bucket() {
      super(DAG_ID, "atelier://test/retrain-loop-s3", AssetWatcher.bucket(SOURCE, URI), URI);
    }
  }

  private final String dagId;
  private final String datasetUri;
  private final AssetWatcher watcher;
  private final String datasetPath;

  /** The folder loop, as ServiceLoader makes it. */
  public RetrainLoopDag() {
    this(
        DAG_ID, DATASET_URI, AssetWatcher.folder(SOURCE, folder().toString()), folder().toString());
  }

  RetrainLoopDag(String dagId, String datasetUri, AssetWatcher watcher, String datasetPath) {
    this.dagId = dagId;
    this.datasetUri = datasetUri;
    this.watcher = new AssetWatcher(watcher.name(), watcher.location(), 1);
    this.datasetPath = datasetPath;
  }

  /** The watched folder, made when the Dag is loaded: a declared watcher needs its folder. */
  static Path folder() {
    String home = System.getenv().getOrDefault("ATELIER_HOME", ".atelier");
    Path folder = Path.of(home).toAbsolutePath().normalize().resolve(SOURCE);
    try {
      java.nio.file.Files.createDirectories(folder);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return folder;
  }

  @Override
  public Timetable timetable() {
    return Timetable.datasets(Dataset.of(datasetUri).watchedBy(watcher));
  }

  @Override
  public Dag define() {
    var dag =
        Dag.builder(dagId)
            .description("ui tests: the watched retrain loop through the real trainer")
            .tags("test", "retrain")
            .maxActiveRuns(1)
            .params(
                Params.builder()
                    .param("dataset_path", Param.string(datasetPath).minLength(1))
                    .param("image_size", Param.integer(32))
                    .param("probe_seed", Param.integer(1234))
                    .build());
    var prepare =
        dag.add(
            new ActivityOperator("prepare_dataset", OperatorActivities.PREPARE_DATASET)
                .arg("path", param("dataset_path"))
                .arg("image_size", param("image_size")));
    var train =
        dag.add(
            TrainOperator.partial(
                    "train",
                    Kwargs.of(
                        "model", "dcgan32",
                        "steps", STEPS,
                        "batch_size", 32,
                        "latent_dim", 16,
                        "g_width", 16,
                        "d_width", 16,
                        "sample_every", 20,
                        "quality_every", 20,
                        "quality_samples", 64,
                        "probe_seed", param("probe_seed")))
                .expand(Kwargs.of("lr", List.of(0.0005))));
    var pickBest =
        dag.add(
            new ActivityOperator("pick_best", OperatorActivities.PICK_BEST)
                .arg("from", "train")
                .arg("metric", "fd_rgb8")
                .arg("mode", "min")
                .triggerRule(TriggerRule.ALL_DONE));
    var evaluate =
        dag.add(
            new EvaluateChampionOperator("evaluate_champion")
                .challenger(pickBest, prepare)
                .probeSeed(param("probe_seed")));
    var review =
        dag.add(
            new ReviewOperator("review", "Retrained on new data: does it beat the champion?")
                .candidates(train, pickBest)
                .evaluation(evaluate)
                .topK(2));
    Chain.chain(prepare, train, pickBest, evaluate, review);
    return dag.build();
  }
}
