package dev.atelier.trainers.train;

import java.nio.file.Path;

/**
 * What the loop reports as it goes. Every method has a no-op default so a listener implements only
 * what it needs. Calls come from the training thread: implementations must return quickly (queue
 * work, never wait on the network).
 */
public interface TrainingListener {
  default void onRealGrid(byte[] png) {}

  default void onStep(int step, StepMetrics metrics) {}

  default void onSample(int step, byte[] png, double fdDiagRgb8) {}

  /** A checkpoint was written to {@code dir}; called at the end and when interrupted. */
  default void onCheckpoint(Path dir, int step) {}

  static TrainingListener all(TrainingListener... listeners) {
    return new TrainingListener() {
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
      public void onSample(int step, byte[] png, double fdDiagRgb8) {
        for (TrainingListener l : listeners) {
          l.onSample(step, png, fdDiagRgb8);
        }
      }

      @Override
      public void onCheckpoint(Path dir, int step) {
        for (TrainingListener l : listeners) {
          l.onCheckpoint(dir, step);
        }
      }
    };
  }
}
