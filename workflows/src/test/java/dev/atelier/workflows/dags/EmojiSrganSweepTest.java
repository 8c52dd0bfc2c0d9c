package dev.atelier.workflows.dags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.dsl.Expansion;
import dev.atelier.workflows.dsl.InvalidParamsException;
import dev.atelier.workflows.dsl.ParamRef;
import dev.atelier.workflows.dsl.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The super-resolution demo Dag as the DagBag, a run's conf check and its expansion see it.
 *
 * <pre>
 *   prepare_dataset ──▶ train[0..3] (srgan4x) ──▶ pick_best (all_done, max psnr)
 *                       lr × adversarial_weight
 * </pre>
 */
class EmojiSrganSweepTest {
  private final Dag dag = new EmojiSrganSweep("/data/emoji").define();

  private List<String> violations(Map<String, Object> conf) {
    return assertThrows(InvalidParamsException.class, () -> dag.params().resolve(conf))
        .violations();
  }

  @Test
  void theDagBagFindsItBesideTheGanSweep() {
    Dag loaded = DagBag.load().get("emoji_srgan_sweep").orElseThrow();
    assertEquals(null, loaded.schedule());
    assertEquals(List.of("sr", "srgan", "emoji", "sweep"), loaded.tags());
    assertEquals(
        List.of("prepare_dataset", "train", "pick_best"),
        loaded.tasks().stream().map(t -> t.taskId()).toList());
    assertEquals(true, DagBag.load().get("emoji_dcgan_sweep").isPresent());
  }

  @Test
  void pickBestTakesTheHighestPsnrOnceEveryTrialIsDone() {
    TaskSpec pick = dag.toSpec().task("pick_best").orElseThrow();
    assertEquals(Map.of("from", "train", "metric", "psnr", "mode", "max"), pick.args());
    assertEquals("all_done", pick.triggerRule());
    assertEquals(List.of("train"), List.copyOf(pick.upstreamTaskIds()));
  }

  @Test
  void theDefaultsMapToFourSrTrialsWithTheSharedHyperparams() {
    Map<String, Object> params = dag.params().resolve(Map.of());
    TaskSpec train = dag.toSpec().task("train").orElseThrow();
    List<Map<String, Object>> mapped =
        Expansion.product(Expansion.resolve("train", train.expand(), params));
    assertEquals(
        List.of(
            Map.of("lr", 0.0001, "adversarial_weight", 0.0),
            Map.of("lr", 0.0001, "adversarial_weight", 0.001),
            Map.of("lr", 0.0002, "adversarial_weight", 0.0),
            Map.of("lr", 0.0002, "adversarial_weight", 0.001)),
        mapped);
    @SuppressWarnings("unchecked")
    Map<String, Object> shared = (Map<String, Object>) ParamRef.resolve(train.args(), params);
    assertEquals("srgan4x", shared.get("model"));
    assertEquals(32, shared.get("image_size"), "the ground-truth size; inputs are 8x8");
    assertEquals(300, shared.get("steps"));
    assertEquals(16, shared.get("batch_size"));
    assertEquals(4, shared.get("residual_blocks"));
    assertEquals("l1", shared.get("content_loss"));
    assertEquals(100, shared.get("content_only_steps"));
    assertEquals(false, shared.containsKey("latent_dim"), "SR has no latent: " + shared);
  }

  @Test
  void badValuesNameTheFieldTheValueAndTheRule() {
    assertEquals(
        List.of(
            "params.image_size: 30 is not one of [16, 32, 64, 128]",
            "params.learning_rates[0]: 0 is less than or equal to the minimum of 0",
            "params.adversarial_weights[1]: -0.5 is less than the minimum of 0",
            "params.residual_blocks: 65 is greater than the maximum of 64",
            "params.content_loss: 'l2' is not one of ['l1', 'mse']"),
        violations(
            Map.of(
                "image_size",
                30,
                "learning_rates",
                List.of(0),
                "adversarial_weights",
                List.of(0.001, -0.5),
                "residual_blocks",
                65,
                "content_loss",
                "l2")));
  }

  @Test
  void aGanOnlyKnobIsNotAParamOfTheSrSweep() {
    assertEquals(
        List.of(
            "params.latent_dims: [32] is not a param of Dag emoji_srgan_sweep (known:"
                + " dataset_path, image_size, steps, batch_size, sample_every, learning_rates,"
                + " adversarial_weights, g_width, d_width, residual_blocks, content_loss,"
                + " content_only_steps, probe_seed, max_parallel_trials, gpus)"),
        violations(Map.of("latent_dims", List.of(32))));
  }

  @Test
  void withoutTheDatasetEnvironmentTheRunMustGiveAPath() {
    Dag bare = new EmojiSrganSweep("").define();
    assertEquals(
        List.of("params.dataset_path: '' should be non-empty"),
        assertThrows(InvalidParamsException.class, () -> bare.params().resolve(Map.of()))
            .violations());
  }
}
