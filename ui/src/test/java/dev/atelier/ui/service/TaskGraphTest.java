package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.atelier.workflows.dags.EmojiDcganSweep;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which tasks a clear of some tasks "with upstream / downstream" touches, on the demo sweep:
 *
 * <pre>
 *   prepare_dataset ──> train ──> pick_best
 * </pre>
 */
class TaskGraphTest {
  private final TaskGraph graph = new TaskGraph(new EmojiDcganSweep("/data").define().toSpec());

  @Test
  void closure_middleTaskAlone_isJustIt() {
    assertEquals(Set.of("train"), graph.closure(Set.of("train"), false, false));
  }

  @Test
  void closure_withUpstream_walksToTheRoot() {
    assertEquals(
        List.of("pick_best", "train", "prepare_dataset"),
        List.copyOf(graph.closure(Set.of("pick_best"), true, false)));
  }

  @Test
  void closure_withDownstream_walksToTheLeaf() {
    assertEquals(
        List.of("prepare_dataset", "train", "pick_best", "review"),
        List.copyOf(graph.closure(Set.of("prepare_dataset"), false, true)));
  }

  @Test
  void has_unknownTask_isFalse() {
    assertFalse(graph.has("trian"));
  }
}
