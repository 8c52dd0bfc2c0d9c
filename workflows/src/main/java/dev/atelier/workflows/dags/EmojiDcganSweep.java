package dev.atelier.workflows.dags;

import static dev.atelier.workflows.dsl.ParamRef.param;

import dev.atelier.workflows.dsl.Chain;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.EvaluateChampionOperator;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Limits;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.ParamType;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.ReviewOperator;
import dev.atelier.workflows.dsl.Task;
import dev.atelier.workflows.dsl.TrainOperator;
import java.util.List;

/**
 * The demo sweep: {@code prepare_dataset >> train >> pick_best >> review}, where {@code train} is
 * mapped over learning rates × latent sizes (2 × 2 = 4 DCGAN trials by default) and {@code
 * pick_best} runs once every trial is done ({@code all_done}) and picks the lowest {@code
 * fd_diag_rgb8} among the trials that succeeded.
 *
 * <p>{@code dataset_path} defaults to the environment variable {@code ATELIER_DATASET_EMOJI} as
 * read when the Dag is defined (when the worker or UI loads its DagBag); without it the default is
 * empty, which the param's rule rejects, so a run must then pass the path in its conf.
 */
public final class EmojiDcganSweep implements DagDefinition {
  public static final String DAG_ID = "emoji_dcgan_sweep";

  /** The trainer's GAN families a sweep may train (trainers/README.md, {@code model}). */
  static final List<String> MODELS =
      List.of(
          "dcgan32",
          "dcgan64",
          "dcgan128",
          "cdcgan32",
          "cdcgan64",
          "cdcgan128",
          "progan",
          "r3gan",
          "stylegan2");

  private final String defaultDatasetPath;

  /** Used by {@code ServiceLoader}: the dataset default comes from the environment. */
  public EmojiDcganSweep() {
    this(EmojiSweepParts.datasetFromEnvironment());
  }

  public EmojiDcganSweep(String defaultDatasetPath) {
    this.defaultDatasetPath = defaultDatasetPath;
  }

  @Override
  public Dag define() {
    return sweep(
        Dag.builder(DAG_ID)
            .description("DCGAN sweep over learning rate x latent size on the Noto emoji images")
            // schedule=None (the default): manual runs only
            .catchup(false)
            .maxActiveRuns(1)
            .tags("gan", "dcgan", "emoji", "sweep"),
        defaultDatasetPath,
        List.of(0.0001, 0.0002));
  }

  /**
   * The sweep's params and tasks on a builder the caller has named and scheduled, so every Dag that
   * runs this sweep (the manual one, the dataset-triggered retrain) runs the same tasks.
   */
  public static Dag sweep(DagBuilder builder, String defaultDatasetPath, List<Double> lrs) {
    var dag = builder.params(params(defaultDatasetPath, lrs));
    var prepare = EmojiSweepParts.prepareDataset(dag);
    var train = train(dag);
    var pickBest = EmojiSweepParts.pickBest(dag, "fd_diag_rgb8", "min");
    Chain.chain(prepare, train, pickBest, EmojiSweepParts.review(dag, train, pickBest));
    return dag.build();
  }

  /**
   * The retrain loop on a builder the caller has named and scheduled: the sweep's training on the
   * new data, then {@code evaluate_champion} (the champion's checkpoint measured on the same data,
   * with the same probe latents and metrics) and a review that shows both side by side: {@code
   * prepare_dataset >> train >> pick_best >> evaluate_champion >> review}. With {@code
   * autoPromoteMargin} the review approves by itself when the challenger beats the champion on
   * every metric by that fraction; null leaves every decision to a lead (the default).
   */
  public static Dag retrain(
      DagBuilder builder, String defaultDatasetPath, List<Double> lrs, Double autoPromoteMargin) {
    var dag = builder.params(params(defaultDatasetPath, lrs));
    var prepare = EmojiSweepParts.prepareDataset(dag);
    var train = train(dag);
    var pickBest = EmojiSweepParts.pickBest(dag, "fd_diag_rgb8", "min");
    var evaluate =
        dag.add(
            new EvaluateChampionOperator("evaluate_champion")
                .challenger(pickBest, prepare)
                .probeSeed(param("probe_seed")));
    var review =
        new ReviewOperator("review", "Does the model retrained on the new data beat the champion?")
            .body(
                "The dataset changed and the sweep retrained on it. The champion's checkpoint was"
                    + " measured on the same new data with the same probe latents: compare the"
                    + " numbers and the sheet, then approve the challenger at the step whose grid"
                    + " convinced you, or reject to keep the champion.")
            .candidates(train, pickBest)
            .evaluation(evaluate)
            .topK(4)
            .defaults(ReviewOperator.REJECT)
            .timeout(java.time.Duration.ofDays(7));
    if (autoPromoteMargin != null) {
      review.autoPromote(autoPromoteMargin);
    }
    Chain.chain(prepare, train, pickBest, evaluate, dag.add(review));
    return dag.build();
  }

  private static Task train(DagBuilder dag) {
    return dag.add(
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
            .expand(Kwargs.of("lr", param("learning_rates"), "latent_dim", param("latent_dims"))));
  }

  private static Params params(String defaultDatasetPath, List<Double> lrs) {
    return Params.builder()
        .param("dataset_path", EmojiSweepParts.datasetPath(defaultDatasetPath))
        .param(
            "model",
            Param.string("dcgan32")
                .enumOf(MODELS.toArray(String[]::new))
                .description(
                    "Generator family: DCGAN, class-conditional DCGAN (classes from the"
                        + " dataset's sub-folders), progressively grown ProGAN, R3GAN or"
                        + " StyleGAN2;"
                        + " image_size must match the DCGANs' size"))
        .param(
            "image_size",
            Param.integer(32).enumOf(32, 64, 128).description("Side of the square training images"))
        .param(
            "steps",
            Param.integer(300)
                .minimum(1)
                .maximum(Limits.MAX_STEPS)
                .description("Training steps per trial"))
        .param(
            "batch_size", Param.integer(64).minimum(1).maximum(1024).description("Images per step"))
        .param(
            "sample_every",
            Param.integer(100)
                .minimum(1)
                .maximum(Limits.MAX_STEPS)
                .description("Steps between sample grids"))
        .param(
            "learning_rates",
            Param.array(Param.ofType(ParamType.NUMBER).exclusiveMinimum(0), lrs)
                .minItems(1)
                .description("Adam learning rates to try (mapped)"))
        .param(
            "latent_dims",
            Param.array(Param.ofType(ParamType.INTEGER).minimum(2).maximum(512), List.of(32, 64))
                .minItems(1)
                .description("Latent vector sizes to try (mapped)"))
        .param("probe_seed", EmojiSweepParts.probeSeed("probe latents"))
        .param("max_parallel_trials", EmojiSweepParts.maxParallelTrials())
        .param("gpus", EmojiSweepParts.gpus())
        .build();
  }
}
