package dev.atelier.trainers.train;

import java.nio.file.Path;

/**
 * What the loop reports as it goes. Every method has a no-op default so a listener implements only
 * what it needs. Calls come from the training thread: implementations must return quickly (queue
 * work, never wait on the network).
 */
public interface TrainingListener {
  /** Training continues from the checkpoint in {@code dir}, which holds {@code step} steps. */
  default void onResume(Path dir, int step) {}

  default void onRealGrid(byte[] png) {}

  default void onStep(int step, StepMetrics metrics) {}

  /**
   * A sample step: the probe grid, and the sample hooks' metrics (the built-in {@code fd_diag_rgb8}
   * among them) and artifacts.
   */
  default void onSample(int step, byte[] gridPng, SampleOutput output) {}

  /** The exported checkpoint was written to {@code dir}: at the end, and when interrupted. */
  default void onCheckpoint(Path dir, int step) {}

  /** A periodic, resumable checkpoint was written to {@code dir} (a local folder only). */
  default void onStepCheckpoint(Path dir, int step) {}

  /**
   * The generator that drew sample step {@code step}'s grid is in {@code dir} (a step checkpoint or
   * a snapshot deleted when this returns): copy what must outlive the call.
   */
  default void onSampleCheckpoint(Path dir, int step) {}

  static TrainingListener all(TrainingListener... listeners) {
    return new TrainingListener() {
      @Override
      public void onResume(Path dir, int step) {
        for (TrainingListener l : listeners) {
          l.onResume(dir, step);
        }
      }

      @Override
      public void onRealGrid(byte[] png) {
        for (TrainingListener l : listeners) {
          l.onRealGrid(png);
        }
      }

      @Override
      public void onStep(int step, StepMetrics metrics) {
        for (TrainingListener l : listeners) {
          l.onStep(step, metrics);
        }
      }

      @Override
      public void onSample(int step, byte[] gridPng, SampleOutput output) {
        for (TrainingListener l : listeners) {
          l.onSample(step, gridPng, output);
        }
      }

      @Override
      public void onCheckpoint(Path dir, int step) {
        for (TrainingListener l : listeners) {
          l.onCheckpoint(dir, step);
        }
      }

      @Override
      public void onStepCheckpoint(Path dir, int step) {
        for (TrainingListener l : listeners) {
          l.onStepCheckpoint(dir, step);
        }
      }

      @Override
      public void onSampleCheckpoint(Path dir, int step) {
        for (TrainingListener l : listeners) {
          l.onSampleCheckpoint(dir, step);
        }
      }
    };
  }
}
