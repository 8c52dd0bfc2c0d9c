package dev.atelier.trainers.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the trial logs. With a run id the trainer logs into that existing run (the platform creates
 * trial runs under the sweep's parent); without one it creates a run in the named experiment.
 *
 * @param drainWait how long the trainer waits, after training, for queued metrics and artifacts to
 *     reach the tracking server before it spills what is left to {@code output_dir} and exits
 */
public record MlflowSpec(
    String trackingUri,
    Optional<String> runId,
    Optional<String> experimentName,
    Duration drainWait) {
  public static final String DEFAULT_EXPERIMENT = "atelier/adhoc";
  public static final Duration DEFAULT_DRAIN_WAIT = Duration.ofMinutes(10);

  public MlflowSpec(String trackingUri, Optional<String> runId, Optional<String> experimentName) {
    this(trackingUri, runId, experimentName, DEFAULT_DRAIN_WAIT);
  }
}
