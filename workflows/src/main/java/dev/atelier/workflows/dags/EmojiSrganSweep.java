package dev.atelier.workflows.dags;

import static dev.atelier.workflows.dsl.ParamRef.param;

import dev.atelier.workflows.dsl.Chain;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Limits;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.ParamType;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.TrainOperator;
import java.util.List;

/**
 * The super-resolution demo sweep: {@code prepare_dataset >> train >> pick_best}, where {@code
 * train} runs the trainer's {@code srgan4x} (a 4x SRGAN, trainers/README.md "Super-resolution")
 * mapped over learning rates × adversarial weights (2 × 2 = 4 trials by default; weight 0 is the
 * plain SRResNet the GAN term has to beat), and {@code pick_best} picks the highest probe {@code
 * psnr} once every trial is done ({@code all_done}).
 *
 * <p>The defaults fit the emoji images on a 2-core machine: 32x32 ground truth (8x8 inputs), narrow
 * networks, 300 steps. {@code dataset_path} defaults to {@code $ATELIER_DATASET_EMOJI}, as in
 * {@link EmojiDcganSweep}.
 */
public final class EmojiSrganSweep implements DagDefinition {
  public static final String DAG_ID = "emoji_srgan_sweep";

  /** The trainer's model name; every trial of this sweep trains it. */
  static final String MODEL = "srgan4x";

  private final String defaultDatasetPath;

  /** Used by {@code ServiceLoader}: the dataset default comes from the environment. */
  public EmojiSrganSweep() {
    this(EmojiSweepParts.datasetFromEnvironment());
  }

  public EmojiSrganSweep(String defaultDatasetPath) {
    this.defaultDatasetPath = defaultDatasetPath;
  }

  @Override
  public Dag define() {
    DagBuilder dag =
        Dag.builder(DAG_ID)
            .description(
                "4x super-resolution GAN sweep over learning rate x adversarial weight on the"
                    + " Noto emoji images")
            // schedule=None (the default): manual runs only
            .catchup(false)
            .maxActiveRuns(1)
            .tags("sr", "srgan", "emoji", "sweep")
            .params(params(defaultDatasetPath));
    var prepare = EmojiSweepParts.prepareDataset(dag);
    var train =
        dag.add(
            TrainOperator.partial(
                    "train",
                    Kwargs.of(
                        "model", MODEL,
                        "steps", param("steps"),
                        "batch_size", param("batch_size"),
                        "g_width", param("g_width"),
                        "d_width", param("d_width"),
                        "residual_blocks", param("residual_blocks"),
                        "content_loss", param("content_loss"),
                        "content_only_steps", param("content_only_steps"),
                        "sample_every", param("sample_every"),
                        "image_size", param("image_size"),
                        "probe_seed", param("probe_seed"),
                        "max_parallel_trials", param("max_parallel_trials"),
                        "gpus", param("gpus")))
                .expand(
                    Kwargs.of(
                        "lr",
                        param("learning_rates"),
                        "adversarial_weight",
                        param("adversarial_weights"))));
    var pickBest = EmojiSweepParts.pickBest(dag, "psnr", "max");
    Chain.chain(prepare, train, pickBest);
    return dag.build();
  }

  private static Params params(String defaultDatasetPath) {
    return Params.builder()
        .param("dataset_path", EmojiSweepParts.datasetPath(defaultDatasetPath))
        .param(
            "image_size",
            Param.integer(32)
                .enumOf(16, 32, 64, 128)
                .description(
                    "Side of the square ground-truth (high-resolution) images; the generator's"
                        + " input is a quarter of it"))
        .param(
            "steps",
            Param.integer(300)
                .minimum(1)
                .maximum(Limits.MAX_STEPS)
                .description("Training steps per trial"))
        .param(
            "batch_size", Param.integer(16).minimum(1).maximum(1024).description("Images per step"))
        .param(
            "sample_every",
            Param.integer(100)
                .minimum(1)
                .maximum(Limits.MAX_STEPS)
                .description("Steps between probe PSNR measurements and input|SR|truth sheets"))
        .param(
            "learning_rates",
            Param.array(
                    Param.ofType(ParamType.NUMBER).exclusiveMinimum(0).maximum(1),
                    List.of(0.0001, 0.0002))
                .minItems(1)
                .description("Adam learning rates to try, both networks (mapped)"))
        .param(
            "adversarial_weights",
            Param.array(
                    Param.ofType(ParamType.NUMBER).minimum(0).maximum(1000), List.of(0.0, 0.001))
                .minItems(1)
                .description(
                    "Weights of the adversarial term in G's loss to try (mapped); 0 trains a"
                        + " plain SRResNet on the content loss alone"))
        .param(
            "g_width", Param.integer(32).minimum(1).maximum(1024).description("Generator channels"))
        .param(
            "d_width",
            Param.integer(32)
                .minimum(1)
                .maximum(1024)
                .description("Discriminator channels in its first layer"))
        .param(
            "residual_blocks",
            Param.integer(4)
                .minimum(0)
                .maximum(64)
                .description("Residual blocks of the generator at low resolution"))
        .param(
            "content_loss",
            Param.string("l1")
                .enumOf("l1", "mse")
                .description("Pixel loss between the SR output and the ground truth"))
        .param(
            "content_only_steps",
            Param.integer(100)
                .minimum(0)
                .maximum(Limits.MAX_STEPS)
                .description(
                    "Steps at the start in which G learns from the content loss alone"
                        + " (SRGAN's pre-training)"))
        .param("probe_seed", EmojiSweepParts.probeSeed("probe images"))
        .param("max_parallel_trials", EmojiSweepParts.maxParallelTrials())
        .param("gpus", EmojiSweepParts.gpus())
        .build();
  }
}
