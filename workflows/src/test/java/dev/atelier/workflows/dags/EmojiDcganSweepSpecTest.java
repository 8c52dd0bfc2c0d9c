package dev.atelier.workflows.dags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBag;
import dev.atelier.workflows.dsl.DagSpec;
import dev.atelier.workflows.dsl.Expansion;
import dev.atelier.workflows.dsl.TaskKind;
import dev.atelier.workflows.dsl.TaskSpec;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo Dag as the API, the database and a run see it.
 *
 * <pre>
 *   prepare_dataset ──▶ train[0..3] ──▶ pick_best (all_done) ──▶ review (all_done)
 *                       lr × latent_dim
 * </pre>
 */
class EmojiDcganSweepSpecTest {
  private final Dag dag = new EmojiDcganSweep("/data/emoji").define();

  @Test
  void theDagBagFindsTheDemoDag() {
    Dag loaded = DagBag.load().get("emoji_dcgan_sweep").orElseThrow();
    assertEquals(null, loaded.schedule());
    assertEquals(List.of("gan", "dcgan", "emoji", "sweep"), loaded.tags());
    assertEquals(
        List.of("prepare_dataset", "train", "pick_best", "review"),
        loaded.tasks().stream().map(t -> t.taskId()).toList());
  }

  @Test
  void theSpecIsSnakeCaseJsonWithParamReferences() throws Exception {
    String json = new ObjectMapper().writeValueAsString(dag.toSpec());
    assertTrue(json.contains("\"dag_id\":\"emoji_dcgan_sweep\""), json);
    assertTrue(
        json.contains(
            "\"expand\":{\"lr\":{\"$param\":\"learning_rates\"},"
                + "\"latent_dim\":{\"$param\":\"latent_dims\"}}"),
        json);
    assertTrue(json.contains("\"trigger_rule\":\"all_done\""), json);
    assertTrue(json.contains("\"upstream_task_ids\":[\"train\"]"), json);
  }

  @Test
  void theSpecSurvivesJacksonAndTemporalsConverterUnchanged() throws Exception {
    DagSpec spec = dag.toSpec();
    ObjectMapper mapper = new ObjectMapper();
    assertEquals(spec, mapper.readValue(mapper.writeValueAsString(spec), DagSpec.class));
    var converter = DefaultDataConverter.newDefaultInstance();
    DagSpec back =
        converter.fromPayloads(0, converter.toPayloads(spec), DagSpec.class, DagSpec.class);
    assertEquals(spec, back);
    TaskSpec train = back.task("train").orElseThrow();
    assertEquals(TaskKind.TRAIN, train.kind());
    assertEquals(List.of("lr", "latent_dim"), List.copyOf(train.expand().keySet()));
  }

  @Test
  void theDefaultExpansionIsTwoLearningRatesTimesTwoLatentSizesFirstArgumentSlowest() {
    Map<String, Object> params = dag.params().resolve(Map.of());
    TaskSpec train = dag.toSpec().task("train").orElseThrow();
    List<Map<String, Object>> trials =
        Expansion.product(Expansion.resolve("train", train.expand(), params));
    assertEquals(
        List.of(
            Map.of("lr", 0.0001, "latent_dim", 32),
            Map.of("lr", 0.0001, "latent_dim", 64),
            Map.of("lr", 0.0002, "latent_dim", 32),
            Map.of("lr", 0.0002, "latent_dim", 64)),
        trials);
  }
}
