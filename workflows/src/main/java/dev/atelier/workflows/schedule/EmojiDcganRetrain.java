package dev.atelier.workflows.schedule;

import static dev.atelier.workflows.dsl.ParamRef.param;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Chain;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.ParamType;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.TrainOperator;
import dev.atelier.workflows.dsl.TriggerRule;
import java.util.List;

/**
 * "A changed dataset starts retraining on its own": the demo sweep's tasks ({@code prepare_dataset
 * >> train >> pick_best}), scheduled on the dataset {@value #DATASET_URI} instead of by hand. A
 * producer that refreshes the emoji images posts an event for that URI ({@code POST
 * /api/v1/datasets/events}) and a two-trial retraining sweep starts within seconds; the run's conf
 * carries the {@code triggering_dataset_events}.
 *
 * <p>The URI is deliberately not the {@code file://} URI the demo registers its images under before
 * it triggers {@code emoji_dcgan_sweep} by hand, so the demo never starts a second sweep. {@code
 * dataset_path} defaults to {@code $ATELIER_DATASET_EMOJI}, as in the demo sweep.
 */
public final class EmojiDcganRetrain implements DagDefinition, ScheduleDeclaration {
  public static final String DAG_ID = "emoji_dcgan_retrain";
  public static final String DATASET_URI = "atelier://datasets/emoji-noto";

  private final String defaultDatasetPath;

  /** Used by {@code ServiceLoader}: the dataset default comes from the environment. */
  public EmojiDcganRetrain() {
    this(System.getenv().getOrDefault("ATELIER_DATASET_EMOJI", ""));
  }

  public EmojiDcganRetrain(String defaultDatasetPath) {
    this.defaultDatasetPath = defaultDatasetPath;
  }

  @Override
  public Timetable timetable() {
    return Timetable.datasets(Dataset.of(DATASET_URI));
  }

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description(
                "Retrains the emoji DCGAN (two trials) whenever " + DATASET_URI + " changes")
            .catchup(false)
            .maxActiveRuns(1)
            .tags("gan", "dcgan", "emoji", "retrain")
            .params(params());
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
                        "model", param("model"),
                        "steps", param("steps"),
                        "batch_size", param("batch_size"),
                        "sample_every", param("sample_every"),
                        "image_size", param("image_size"),
                        "probe_seed", param("probe_seed"),
                        "max_parallel_trials", param("max_parallel_trials"),
                        "gpus", param("gpus")))
                .expand(
                    Kwargs.of("lr", param("learning_rates"), "latent_dim", param("latent_dims"))));
    var pickBest =
        dag.add(
            new ActivityOperator("pick_best", OperatorActivities.PICK_BEST)
                .arg("from", "train")
                .arg("metric", "fd_diag_rgb8")
                .arg("mode", "min")
                .triggerRule(TriggerRule.ALL_DONE));
    Chain.chain(prepare, train, pickBest);
    return dag.build();
  }

  private Params params() {
    return Params.builder()
        .param(
            "dataset_path",
            Param.string(defaultDatasetPath)
                .minLength(1)
                .description("Folder of training images (PNG/JPEG), searched recursively"))
        .param(
            "model",
            Param.string("dcgan32").enumOf("dcgan32", "dcgan64").description("Generator family"))
        .param(
            "image_size",
            Param.integer(32).enumOf(32, 64).description("Side of the square training images"))
        .param("steps", Param.integer(300).minimum(1).description("Training steps per trial"))
        .param(
            "batch_size", Param.integer(64).minimum(1).maximum(1024).description("Images per step"))
        .param(
            "sample_every", Param.integer(100).minimum(1).description("Steps between sample grids"))
        .param(
            "learning_rates",
            Param.array(Param.ofType(ParamType.NUMBER).exclusiveMinimum(0), List.of(0.0002))
                .minItems(1)
                .description("Adam learning rates to try (mapped)"))
        .param(
            "latent_dims",
            Param.array(Param.ofType(ParamType.INTEGER).minimum(2).maximum(512), List.of(32, 64))
                .minItems(1)
                .description("Latent vector sizes to try (mapped)"))
        .param(
            "probe_seed",
            Param.integer(1234).description("Seed of the probe latents every trial's grids use"))
        .param(
            "max_parallel_trials",
            Param.integer(2).minimum(1).description("Trials running at the same time"))
        .param("gpus", Param.integer(0).minimum(0).description("GPUs per trial (Kubernetes)"))
        .build();
  }
}
