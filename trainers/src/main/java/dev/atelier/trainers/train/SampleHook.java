package dev.atelier.trainers.train;

import java.io.IOException;
import java.util.List;

/**
 * Where quality measurements plug into training: called at every sample step (every {@code
 * sample_every} steps and at the last), after the probe grid is drawn, on the training thread. It
 * may generate as many images as it needs through the context's {@link ImageGenerator} and compare
 * them with the real data; what it returns is logged to MLflow at that step. An exception fails the
 * trial (exit 1): a metric that silently disappears is worse than a loud stop.
 */
@FunctionalInterface
public interface SampleHook {
  SampleHook NONE = context -> SampleOutput.EMPTY;

  SampleOutput onSample(SampleContext context) throws IOException;

  /** Runs each hook in order and merges what they return. */
  static SampleHook all(List<SampleHook> hooks) {
    return context -> {
      SampleOutput out = SampleOutput.EMPTY;
      for (SampleHook h : hooks) {
        out = out.plus(h.onSample(context));
      }
      return out;
    };
  }
}
