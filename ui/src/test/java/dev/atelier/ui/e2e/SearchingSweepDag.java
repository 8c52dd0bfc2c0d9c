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

/**
 * A searching sweep small enough for a test on two cores: TPE (two random trials first) with ASHA
 * (rungs at 10, 20, 40 and 80 steps, η 2: the lower half of each rung stops) over a tiny DCGAN-32's
 * learning rate, five trials of at most 240 steps, two at a time, judged by {@code fd_rgb8}
 * measured at every sample step. A trial is long enough past its rungs for a stop to reach it (the
 * evaluation is read within a second, the stop tag within two), so a trailing trial ends pruned
 * rather than complete. (With η 3 and 90 steps, a busy CI machine once saw TPE's later trials all
 * in the top third at both rungs and nothing pruned: η 2 prunes whichever trails at the first rung
 * it shares. With 120 steps a quiet CI machine once saw none pruned: a tiny trial ran its steps in
 * about 4 s, so a stop decided at an early rung could arrive after the trial's end; 240 steps
 * leave the early rungs' stops several seconds.)
 *
 * <pre>
 *   prepare_dataset ──> train[0..4] (searched lr; pruned after a rung, or 240 steps) ──> pick_best
 * </pre>
 */
public final class SearchingSweepDag implements DagDefinition {
  public static final String DAG_ID = "test_searching_sweep";
  static final int STEPS = 240;
  static final int EVERY = 10;
  static final int TRIALS = 5;

  @Override
  public Dag define() {
    var dag =
        Dag.builder(DAG_ID)
            .description("ui tests: a searching sweep through the real trainer")
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
                        "model", "dcgan32",
                        "steps", STEPS,
                        "batch_size", 32,
                        "latent_dim", 16,
                        "g_width", 16,
                        "d_width", 16,
                        "sample_every", EVERY,
                        "quality_every", EVERY,
                        "quality_samples", 64))
                .search(
                    Search.space()
                        .logUniform("lr", 1e-5, 3e-3)
                        .objective("fd_rgb8", "min")
                        .tpe(2, 24, true, true)
                        .budget(TRIALS, 2)
                        .asha(EVERY, 2)
                        .seed(5)
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
