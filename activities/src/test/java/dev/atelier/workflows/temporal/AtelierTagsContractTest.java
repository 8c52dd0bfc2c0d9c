package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.activities.mlflow.AtelierTags;
import org.junit.jupiter.api.Test;

/**
 * The tags the sweep workflow writes on its parent run (workflows, which cannot depend on
 * activities) are the names the UI and pick_best read ({@code AtelierTags}). Lives in the
 * workflow's package to see its package-private constants.
 */
class AtelierTagsContractTest {
  @Test
  void theSweepWorkflowWritesTheTagNamesEveryoneReads() {
    assertEquals(AtelierTags.SWEEP_WORKFLOW_ID, AtelierRunTags.SWEEP_WORKFLOW_ID);
    assertEquals(AtelierTags.BEST_TRIAL, AtelierRunTags.BEST_TRIAL);
    assertEquals(AtelierTags.BEST_VALUE, AtelierRunTags.BEST_VALUE);
    assertEquals(AtelierTags.BEST_RUN_ID, AtelierRunTags.BEST_RUN_ID);
    assertEquals(AtelierTags.MAX_TRIALS, AtelierRunTags.MAX_TRIALS);
    assertEquals(AtelierTags.MAX_PARALLEL_TRIALS, AtelierRunTags.MAX_PARALLEL_TRIALS);
  }
}
