package dev.atelier.ui.e2e;

import static dev.atelier.workflows.dsl.ParamRef.param;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Chain;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagDefinition;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.Search;
import dev.atelier.workflows.dsl.TrainOperator;
import dev.atelier.workflows.dsl.TriggerRule;
import java.util.Map;

/**
 * A searching sweep over the two style-era families, small enough for a test on two cores: a grid
 * over {@code model} (r3gan, stylegan2), each with its own architecture fields (declared under
 * {@code when("model", ...)}, since each family refuses the other's), adaptive augmentation
 * switched on as a search dimension ({@code augment_ada}, its target given flat as {@code
 * augment_ada_target}), one trial at a time, judged by {@code fd_rgb8}.
 *
 * <pre>
 *   prepare_dataset ──> train[0] r3gan, train[1] stylegan2 (40 steps, ADA) ──> pick_best
 * </pre>
 */
public final class StyleSearchDag implements DagDefinition {
  public static final String DAG_ID = "test_style_search";
  static final int STEPS = 40;
  static final int EVERY = 20;

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description("ui tests: r3gan and stylegan2 in a searching sweep, with ADA")
            .tags("test", "search")
            .params(
                Params.builder()
                    .param("dataset_path", Param.string("").minLength(1))
                    .param("image_size", Param.integer(32))
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
                        "steps", STEPS,
                        "batch_size", 8,
                        "latent_dim", 16,
                        "g_width", 8,
                        "d_width", 8,
                        "augment", Map.of("mirror", true),
                        "sample_every", EVERY,
                        "quality_every", EVERY,
                        "quality_samples", 32))
                .search(
                    Search.space()
                        .categorical("model", "r3gan", "stylegan2")
                        .categorical("blocks_per_stage", 1)
                        .when("model", "r3gan")
                        .categorical("group_channels", 4)
                        .when("model", "r3gan")
                        .categorical("w_dim", 16)
                        .when("model", "stylegan2")
                        .categorical("mapping_layers", 1)
                        .when("model", "stylegan2")
                        .categorical("augment_ada", true)
                        .categorical("augment_ada_target", 0.5)
                        .objective("fd_rgb8", "min")
                        .grid()
                        .budget(2, 1)
                        .seed(3)
                        .build()));
    var pickBest =
        dag.add(
            new ActivityOperator("pick_best", OperatorActivities.PICK_BEST)
                .arg("from", "train")
                .arg("metric", "fd_rgb8")
                .arg("mode", "min")
                .triggerRule(TriggerRule.ALL_DONE));
    Chain.chain(prepare, train, pickBest);
    return dag.build();
  }
}
