package dev.atelier.trainers.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * The step bookkeeping every trainer shares (the GAN trainer's {@link TrainingLoop} and srgan4x's
 * loop): stop requests (final checkpoint, then {@code INTERRUPTED}, or {@code PRUNED} when the
 * sweep asked), the divergence check after each step, images/s, per-step reports, sample steps
 * (every {@code sample_every} and the last), step checkpoints every {@code checkpoint_every} steps
 * with pruning, the generator of every sample step (so any grid a lead sees can be promoted), and
 * the final checkpoint. A trainer supplies what differs: the step itself, the sample, and how a
 * checkpoint is written.
 */
public final class StepLoop {
  /** What a trainer does at each point of the loop. */
  public interface Trainer {
    /**
     * Trains one step.
     *
     * @param step the 0-based step (steps done so far)
     */
    Step train(int step) throws IOException;

    /**
     * Draws and reports the probe at a sample step.
     *
     * @param step steps done (1-based, as logged)
     * @return the sample's metrics, kept for the run's result
     */
    Map<String, Double> sample(int step) throws IOException;

    /** Writes a complete, resumable checkpoint of the state after {@code step} steps. */
    void save(Path dir, int step) throws IOException;

    /** Deletes the step checkpoints that the retention rule no longer keeps. */
    void prune() throws IOException;

    /**
     * Writes what a lead can promote at a sample step: at least the generator that drew the grid
     * and its {@value Checkpoint#DESCRIPTOR}. The default is a complete checkpoint; a trainer may
     * write less (the GAN trainer writes the generator only, not resumable).
     */
    default void snapshot(Path dir, int step) throws IOException {
      save(dir, step);
    }
  }

  /**
   * One step's numbers: the losses the divergence check reads, and its metrics once the loop knows
   * the images per second.
   */
  public record Step(float lossG, float lossD, DoubleFunction<StepMetrics> metrics) {}

  /**
   * @param start steps already done (a resumed run's checkpoint)
   * @param batchSize images per step, for images/s
   */
  public record Schedule(
      int start, int steps, int batchSize, int sampleEvery, int checkpointEvery, Path outputDir) {}

  private final Schedule schedule;
  private final DivergenceDetector divergence;
  private final StopSignal stop;
  private final TrainingListener listener;
  private final Map<String, Double> metrics = new LinkedHashMap<>();

  public StepLoop(
      Schedule schedule,
      DivergenceDetector divergence,
      StopSignal stop,
      TrainingListener listener) {
    this.schedule = schedule;
    this.divergence = divergence;
    this.stop = stop;
    this.listener = listener;
  }

  public TrainingResult run(Trainer trainer) throws IOException {
    Throughput meter = new Throughput(20);
    int steps = schedule.steps();
    int step = schedule.start();
    while (step < steps) {
      if (stop.requested()) {
        saveFinal(trainer, step);
        Optional<String> pruned = stop.pruneReason();
        if (pruned.isPresent()) {
          return new TrainingResult(TrainingResult.Ending.PRUNED, pruned.get(), step, metrics);
        }
        return new TrainingResult(
            TrainingResult.Ending.INTERRUPTED,
            "stopped by a signal at step " + step + " of " + steps + "; checkpoint saved",
            step,
            metrics);
      }
      long t0 = System.nanoTime();
      Step s = trainer.train(step);
      int done = step + 1;
      Optional<String> diverged = divergence.check(done, s.lossD(), s.lossG());
      if (diverged.isPresent() && !Float.isFinite(s.lossD() + s.lossG())) {
        // Nothing of a step with a NaN is worth logging; the last good step stands.
        return new TrainingResult(TrainingResult.Ending.DIVERGED, diverged.get(), step, metrics);
      }
      step = done;
      StepMetrics m = s.metrics().apply(meter.record(System.nanoTime() - t0, schedule.batchSize()));
      metrics.putAll(m.asMap());
      listener.onStep(step, m);
      if (diverged.isPresent()) {
        return new TrainingResult(TrainingResult.Ending.DIVERGED, diverged.get(), step, metrics);
      }
      boolean sampled = step % schedule.sampleEvery() == 0 || step == steps;
      if (sampled) {
        metrics.putAll(trainer.sample(step));
      }
      if (step % schedule.checkpointEvery() == 0 && step < steps) {
        Path dir = Checkpoint.stepDir(schedule.outputDir(), step);
        trainer.save(dir, step);
        if (sampled) {
          // Before pruning: the listener copies what it uploads, so retention cannot take it.
          listener.onSampleCheckpoint(dir, step);
        }
        trainer.prune();
        listener.onStepCheckpoint(dir, step);
      } else if (sampled && step < steps) {
        // A grid a lead may promote from, between resumable checkpoints: keep its generator long
        // enough for the listener to copy it, in a hidden folder that resuming and retention skip.
        // The last step needs none: the final checkpoint is that step's.
        Path dir = Checkpoint.snapshotDir(schedule.outputDir());
        trainer.snapshot(dir, step);
        listener.onSampleCheckpoint(dir, step);
        CheckpointIo.deleteTree(dir);
      }
    }
    saveFinal(trainer, step);
    return new TrainingResult(
        TrainingResult.Ending.COMPLETED, "completed " + step + " steps", step, metrics);
  }

  private void saveFinal(Trainer trainer, int step) throws IOException {
    Path dir = Checkpoint.dir(schedule.outputDir());
    trainer.save(dir, step);
    listener.onCheckpoint(dir, step);
  }
}
