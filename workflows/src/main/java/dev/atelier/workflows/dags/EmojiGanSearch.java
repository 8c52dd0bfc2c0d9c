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
import java.util.List;
import java.util.Map;

/**
 * The demo's searching sweep: {@code prepare_dataset >> train >> pick_best >> review}, where {@code
 * train} is a TPE search with asynchronous successive halving over a DCGAN-32 on the 110
 * yellow-face emoji ({@code .atelier/datasets/emoji-faces}, laid out by {@code ./atelier setup}):
 * learning rate, Adam's betas, latent size, widths, loss and (with β1 = 0) an R1 penalty, two
 * trials at a time, and the GAN-aware stop rules; {@code pick_best} takes the completed trial with
 * the lowest {@code fd_rgb8}. A trial that trails at a rung (300, then 900 steps) is stopped with
 * its checkpoint, so most of the budget goes to the promising ones.
 *
 * <p>Fixed, because they were what worked on this data (measured in {@code scripts/emoji_faces.py}
 * and bench/README.md): batch 32, weight averaging (EMA 0.999), mirrored images and DiffAugment's
 * translation only (colour augmentation hides from D the colours {@code fd_rgb8} measures), and
 * 1,500 steps at most (longer runs at these learning rates got worse). The space and the rungs are
 * part of the Dag's definition, checked when it is built; the data and the sampling cadence are
 * params a run may change.
 */
public final class EmojiGanSearch implements DagDefinition {
  public static final String DAG_ID = "emoji_gan_search";

  /** Steps of a trial that is never stopped: the top of the ladder. */
  static final long STEPS = 1500;

  /** The first rung; the next at 3x (900). */
  static final long FIRST_RUNG = 300;

  private final String defaultDatasetPath;

  /** Used by {@code ServiceLoader}: the dataset default is {@code $ATELIER_DATASET_EMOJI_FACES}. */
  public EmojiGanSearch() {
    this(EmojiSweepParts.facesFromEnvironment());
  }

  public EmojiGanSearch(String defaultDatasetPath) {
    this.defaultDatasetPath = defaultDatasetPath;
  }

  /** The search: what varies, what counts, how it is searched, how much it may spend. */
  static SearchSpec search() {
    return Search.space()
        .logUniform("lr", 2e-4, 6e-4)
        .categorical("beta1", 0.0, 0.5)
        .categorical("beta2", 0.99, 0.999)
        .categorical("latent_dim", 64, 128)
        .categorical("g_width", 32, 48)
        .categorical("d_width", 32, 48)
        .categorical("loss", "bce", "hinge")
        .categorical("r1_gamma", 0.0, 0.1, 1.0)
        .when("beta1", 0.0)
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
                        "model",
                        "dcgan32",
                        "steps",
                        STEPS,
                        "batch_size",
                        32,
                        "ema_decay",
                        0.999,
                        "augment",
                        Map.of("mirror", true, "diffaug", List.of("translation")),
                        "sample_every",
                        100,
                        "image_size",
                        param("image_size"),
                        "probe_seed",
                        param("probe_seed"),
                        "gpus",
                        param("gpus")))
                .search(search()));
    var pickBest = EmojiSweepParts.pickBest(dag, "fd_rgb8", "min");
    Chain.chain(prepare, train, pickBest, EmojiSweepParts.review(dag, train, pickBest));
    return dag.build();
  }

  private static Params params(String defaultDatasetPath) {
    return Params.builder()
        .param("dataset_path", EmojiSweepParts.datasetPath(defaultDatasetPath))
        .param("image_size", Param.integer(32).enumOf(32).description("Side of the images"))
        .param("probe_seed", EmojiSweepParts.probeSeed("probe latents"))
        .param("gpus", EmojiSweepParts.gpus())
        .build();
  }
}
