package dev.atelier.trainers.train;

/**
 * A {@link SampleHook} that runs off the training thread: the trial's quality measurement. At a
 * step it {@linkplain #measuresAt measures at}, the loop copies the exported generator's weights
 * into a second instance and hands that copy to the hook on an evaluator thread, so training goes
 * on while it measures (see {@link BackgroundSamples}). Its {@link #onSample} is called on that
 * thread only, one call at a time.
 */
public interface BackgroundHook extends SampleHook {
  /** Measures nothing, at no step. */
  BackgroundHook NONE =
      new BackgroundHook() {
        @Override
        public boolean measuresAt(int step, int steps) {
          return false;
        }

        @Override
        public SampleOutput onSample(SampleContext context) {
          return SampleOutput.EMPTY;
        }
      };

  /**
   * Whether {@link #onSample} would measure anything at this sample step; it is not called at the
   * others, so no copy is taken for them.
   *
   * @param step the sample step (1-based, as logged)
   * @param steps the trial's last step
   */
  boolean measuresAt(int step, int steps);
}
