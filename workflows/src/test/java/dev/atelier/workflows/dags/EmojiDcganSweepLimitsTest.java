package dev.atelier.workflows.dags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.InvalidParamsException;
import dev.atelier.workflows.dsl.Limits;
import dev.atelier.workflows.dsl.SweepSize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The maximums a client's conf is held to, as the demo sweep's user reads them. */
class EmojiDcganSweepLimitsTest {
  private final Dag dag = new EmojiDcganSweep("/data/emoji").define();

  private List<String> violations(Map<String, Object> conf) {
    return assertThrows(InvalidParamsException.class, () -> dag.params().resolve(conf))
        .violations();
  }

  @Test
  void numbersAboveTheirMaximum_nameFieldValueAndLimit() {
    assertEquals(
        List.of(
            "params.steps: 10000000 is greater than the maximum of 200000",
            "params.sample_every: 300000 is greater than the maximum of 200000",
            "params.max_parallel_trials: 33 is greater than the maximum of 32",
            "params.gpus: 9 is greater than the maximum of 8"),
        violations(
            Map.of(
                "steps", 10_000_000,
                "sample_every", 300_000,
                "max_parallel_trials", 33,
                "gpus", 9)));
  }

  @Test
  void aListLongerThanTheMaximum_isRefusedOnceNotPerItem() {
    assertEquals(
        List.of("params.latent_dims: a list of 65 items is longer than the maximum of 64 items"),
        violations(Map.of("latent_dims", Collections.nCopies(65, 32))));
  }

  @Test
  void aStringLongerThanTheMaximum_isRefused() {
    assertEquals(
        List.of(
            "params.dataset_path: a string of 4097 characters is longer than the maximum of 4096"),
        violations(Map.of("dataset_path", "d".repeat(Limits.MAX_STRING_LENGTH + 1))));
  }

  @Test
  void trialsPerSweep_areTheProductOfTheMappedLists() {
    List<Double> lrs = new ArrayList<>();
    List<Integer> dims = new ArrayList<>();
    for (int i = 1; i <= 17; i++) {
      lrs.add(i / 10_000.0);
      dims.add(8 + i);
    }
    Map<String, Object> tooMany =
        dag.params().resolve(Map.of("learning_rates", lrs, "latent_dims", dims));
    assertEquals(
        List.of(
            "params.learning_rates × params.latent_dims: 289 trials of task train is above the"
                + " maximum of 256 trials per sweep"),
        SweepSize.violations(dag, tooMany));

    Map<String, Object> atTheMaximum =
        dag.params()
            .resolve(
                Map.of("learning_rates", lrs.subList(0, 16), "latent_dims", dims.subList(0, 16)));
    assertEquals(List.of(), SweepSize.violations(dag, atTheMaximum));
  }
}
