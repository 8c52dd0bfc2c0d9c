package dev.atelier.ui.rest;

import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.search.Evaluation;
import dev.atelier.workflows.temporal.SweepInput;
import dev.atelier.workflows.temporal.SweepState;
import dev.atelier.workflows.temporal.SweepTrial;
import dev.atelier.workflows.temporal.SweepWorkflow;
import dev.atelier.workflows.temporal.TrialReport;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * A searching sweep that trains nothing: one running trial, limits the controls change, and a
 * validator that refuses more than {@link #GPUS} trials at once, as a GPU-bound sweep would. It
 * ends when stopped. Registered on its own task queue by {@link SweepControlsTest}, so the sweep
 * page's queries, updates and signals reach a real running workflow.
 */
public class FakeSweepWorkflow implements SweepWorkflow {
  static final int GPUS = 8;

  private int maxParallelTrials = 2;
  private int maxTrials = 4;
  private boolean stopping;

  @Override
  public List<TrialOutcome> run(SweepInput input) {
    Workflow.await(() -> stopping);
    return List.of();
  }

  @Override
  public void poolSlotGranted(String requestId) {}

  @Override
  public void report(TrialReport report) {}

  @Override
  public int setMaxParallelTrials(int value) {
    maxParallelTrials = value;
    return value;
  }

  @Override
  public void validateMaxParallelTrials(int value) {
    if (value > GPUS) {
      throw new IllegalArgumentException(
          "max_parallel_trials: " + value + " is more than the " + GPUS + " GPUs of its pool");
    }
  }

  @Override
  public int addTrials(int count) {
    maxTrials += count;
    return maxTrials;
  }

  @Override
  public void validateAddTrials(int count) {}

  @Override
  public void stopSweep(String who) {
    stopping = true;
  }

  @Override
  public SweepState state() {
    SweepTrial trial =
        new SweepTrial(
            0,
            Map.of("lr", 0.0002, "latent_dim", 64),
            "running",
            null,
            null,
            200,
            4.5,
            null,
            null,
            List.of(
                new Evaluation(100, Map.of("fd_rgb8", 7.0)),
                new Evaluation(200, Map.of("fd_rgb8", 4.5))));
    return new SweepState(
        "tpe",
        "fd_rgb8",
        "min",
        maxTrials,
        maxParallelTrials,
        200,
        0,
        stopping,
        0,
        4.5,
        List.of(trial));
  }
}
