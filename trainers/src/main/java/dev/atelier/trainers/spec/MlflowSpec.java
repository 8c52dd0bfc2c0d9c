package dev.atelier.trainers.spec;

import java.util.Optional;

/**
 * Where the trial logs. With a run id the trainer logs into that existing run (the platform creates
 * trial runs under the sweep's parent); without one it creates a run in the named experiment.
 */
public record MlflowSpec(
    String trackingUri, Optional<String> runId, Optional<String> experimentName) {
  public static final String DEFAULT_EXPERIMENT = "atelier/adhoc";
}
