package dev.atelier.workflows.dags;

import static dev.atelier.workflows.dsl.ParamRef.param;

import dev.atelier.workflows.dsl.Chain;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.Search;
import dev.atelier.workflows.dsl.TrainOperator;
import dev.atelier.workflows.search.SearchSpec;

/**
 * The demo's searching sweep: {@code prepare_dataset >> train >> pick_best}, where {@code train} is
 * a TPE search with asynchronous successive halving over a DCGAN-32's learning rate, Adam's β1,
 * latent size, widths, loss, R1 weight and weight averaging, two trials at a time, and the
 * GAN-aware stop rules; {@code pick_best} takes the completed trial with the lowest {@code
 * fd_rgb8}. A trial that trails at a rung (every 3x steps from the first) is stopped with its
 * checkpoint, so most of the budget goes to the promising ones.
 *
 * <p>The space and the rungs are fixed here (a search is part of the Dag's definition, checked when
 * it is built); the data, steps, batch size and sampling cadence are params a run may change.
 */
public final class EmojiGanSearch implements DagDefinition {
  public static final String DAG_ID = "emoji_gan_search";

  /** Steps of a trial that is never stopped: the top rung. */
  static final long STEPS = 1800;

  /** The first rung; later rungs at 3x, 9x (600, 1800). */
  static final long FIRST_RUNG = 200;

  private final String defaultDatasetPath;

  /** Used by {@code ServiceLoader}: the dataset default comes from the environment. */
  public EmojiGanSearch() {
    this(EmojiSweepParts.datasetFromEnvironment());
  }

  public EmojiGanSearch(String defaultDatasetPath) {
    this.defaultDatasetPath = defaultDatasetPath;
  }

  /** The search: what varies, what counts, how it is searched, how much it may spend. */
  static SearchSpec search() {
    return Search.space()
        .logUniform("lr", 1e-4, 1e-3)
        .categorical("beta1", 0.0, 0.5)
        .categorical("latent_dim", 32, 64, 128)
        .categorical("g_width", 32, 64)
        .categorical("d_width", 32, 64)
        .categorical("loss", "bce", "hinge")
        .logUniform("r1_gamma", 0.01, 1.0)
        .when("loss", "bce")
        .categorical("ema_decay", 0.99, 0.999)
        .objective("fd_rgb8", "min", "last")
        .tpe(6, 24, true, true)
        .budget(16, 2)
        .asha(FIRST_RUNG, 3)
        .maxSteps(STEPS)
        .stopOnDivergence(1e-3, 2)
        .stopOnModeCollapse(0.5, 3)
        .seed(11)
        .build();
  }

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description(
                "Searching DCGAN sweep on the Noto emoji: TPE over lr, beta1, latent size, widths,"
                    + " loss, R1 and EMA, with asynchronous successive halving")
            .catchup(false)
            .maxActiveRuns(1)
            .tags("gan", "dcgan", "emoji", "sweep", "search")
            .params(params(defaultDatasetPath));
    var prepare = EmojiSweepParts.prepareDataset(dag);
    var train =
        dag.add(
            TrainOperator.partial(
                    "train",
                    Kwargs.of(
                        "model", "dcgan32",
                        "steps", STEPS,
                        "batch_size", param("batch_size"),
                        "sample_every", FIRST_RUNG / 2,
                        "image_size", param("image_size"),
                        "probe_seed", param("probe_seed"),
                        "gpus", param("gpus")))
                .search(search()));
    var pickBest = EmojiSweepParts.pickBest(dag, "fd_rgb8", "min");
    Chain.chain(prepare, train, pickBest);
    return dag.build();
  }

  private static Params params(String defaultDatasetPath) {
    return Params.builder()
        .param("dataset_path", EmojiSweepParts.datasetPath(defaultDatasetPath))
        .param("image_size", Param.integer(32).enumOf(32).description("Side of the images"))
        .param(
            "batch_size", Param.integer(64).minimum(1).maximum(1024).description("Images per step"))
        .param("probe_seed", EmojiSweepParts.probeSeed("probe latents"))
        .param("gpus", EmojiSweepParts.gpus())
        .build();
  }
}
