package dev.atelier.workflows.dags;

import static dev.atelier.workflows.dsl.ParamRef.param;

import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.Limits;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.ReviewOperator;
import dev.atelier.workflows.dsl.Task;
import dev.atelier.workflows.dsl.TriggerRule;

/**
 * What every emoji sweep shares, so the GAN and the super-resolution sweep read their images and
 * pick their winner the same way: the {@code dataset_path} param (default {@code
 * $ATELIER_DATASET_EMOJI}), the sweep-wide params ({@code probe_seed}, {@code max_parallel_trials},
 * {@code gpus}), {@code prepare_dataset} and an {@code all_done} {@code pick_best}.
 */
final class EmojiSweepParts {
  /** The environment variable a DagBag reads the demo images' folder from. */
  static final String DATASET_ENV = "ATELIER_DATASET_EMOJI";

  /** The environment variable with the yellow-face subset the searching demo trains on. */
  static final String FACES_ENV = "ATELIER_DATASET_EMOJI_FACES";

  private EmojiSweepParts() {}

  /** {@code $ATELIER_DATASET_EMOJI}, or empty (then a run must give {@code dataset_path}). */
  static String datasetFromEnvironment() {
    return System.getenv().getOrDefault(DATASET_ENV, "");
  }

  /** {@code $ATELIER_DATASET_EMOJI_FACES}, or empty (then a run must give {@code dataset_path}). */
  static String facesFromEnvironment() {
    return System.getenv().getOrDefault(FACES_ENV, "");
  }

  static Param datasetPath(String defaultPath) {
    return Param.string(defaultPath)
        .minLength(1)
        .description("Folder of training images (PNG/JPEG), searched recursively");
  }

  static Param probeSeed(String whatUsesIt) {
    return Param.integer(1234)
        .description("Seed of the " + whatUsesIt + " every trial's grids use");
  }

  static Param maxParallelTrials() {
    return Param.integer(2)
        .minimum(1)
        .maximum(Limits.MAX_PARALLEL_TRIALS)
        .description("Trials running at the same time");
  }

  static Param gpus() {
    return Param.integer(0)
        .minimum(0)
        .maximum(Limits.MAX_GPUS)
        .description("GPUs per trial (Kubernetes)");
  }

  /** Scans {@code params.dataset_path}; its XCom (path, count, fingerprint, size) feeds train. */
  static ActivityOperator prepareDataset(DagBuilder dag) {
    return dag.add(
        new ActivityOperator("prepare_dataset", OperatorActivities.PREPARE_DATASET)
            .arg("path", param("dataset_path"))
            .arg("image_size", param("image_size")));
  }

  /**
   * Runs once every trial has ended ({@code all_done}: failed trials do not stop it) and picks the
   * successful trial with the best last value of {@code metric} ({@code mode} min or max); over a
   * searching sweep, as the sweep judges (its best value when the objective counts the best, a
   * pruned trial when none completed).
   */
  static Task pickBest(DagBuilder dag, String metric, String mode) {
    return dag.add(
        new ActivityOperator("pick_best", OperatorActivities.PICK_BEST)
            .arg("from", "train")
            .arg("metric", metric)
            .arg("mode", mode)
            .triggerRule(TriggerRule.ALL_DONE));
  }

  /**
   * The review that ends a demo sweep: the sweep's top 4 trials by pick_best's objective beside the
   * champion, waiting (a week at most, then rejected by default) for a lead to approve one at a
   * step, which promotes it, or to reject.
   */
  static Task review(DagBuilder dag, Task train, Task pickBest) {
    return dag.add(
        new ReviewOperator("review", "Promote this sweep's best trial?")
            .body(
                "The sweep's best trials by pick_best's objective, beside the current champion."
                    + " Approve one at the step whose grid convinced you, or reject to keep the"
                    + " champion.")
            .candidates(train, pickBest)
            .topK(4)
            .defaults(ReviewOperator.REJECT)
            .timeout(java.time.Duration.ofDays(7))
            // all_done, like pick_best: a failed trial is a mapped upstream's failure, and the
            // review still has the others to show (with no candidate at all it fails, saying so).
            .triggerRule(TriggerRule.ALL_DONE));
  }
}
