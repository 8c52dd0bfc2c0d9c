package dev.atelier.workflows.dags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.TaskSpec;
import dev.atelier.workflows.search.SearchSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo's searching sweep builds (its search passes every build-time check) and searches what
 * the README says: TPE with ASHA rungs at 300 and 900 steps of 1,500, two trials at a time.
 */
class EmojiGanSearchTest {
  @Test
  void theDemoSearchBuildsAndSearchesWithTpeAndAsha() {
    Dag dag = new EmojiGanSearch("/data/emoji-faces").define();
    TaskSpec train =
        dag.toSpec().tasks().stream()
            .filter(t -> t.taskId().equals("train"))
            .findFirst()
            .orElseThrow();
    SearchSpec search = train.search();
    assertNotNull(search);
    assertEquals("tpe", search.algorithm().name());
    assertEquals("asha", search.earlyStopping().kind());
    assertEquals(300, search.earlyStopping().minSteps());
    assertEquals(1500, search.earlyStopping().maxSteps());
    assertEquals(2, search.budget().maxParallelTrials());
    assertEquals("fd_rgb8", search.objective().metric());
    assertEquals(
        List.of("lr", "beta1", "beta2", "latent_dim", "g_width", "d_width", "loss", "r1_gamma"),
        search.space().stream().map(p -> p.name()).toList());
    assertEquals("beta1", search.space().get(7).parent());
    assertEquals(
        List.of("prepare_dataset", "train", "pick_best", "review"),
        dag.toSpec().tasks().stream().map(TaskSpec::taskId).toList());
  }
}
