package dev.atelier.trainers;

import dev.atelier.trainers.spec.MlflowSpec;
import dev.atelier.trainers.tracking.MlflowRun;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.mlflow.tracking.MlflowHttpException;

/**
 * How any trial (a GAN's or a super-resolution one) tells the world how it went: opening and ending
 * its MLflow run, marking a run it could not train in, writing {@code result.json}, and params
 * written for people. Tracking problems are warnings on stderr, except that a trial whose run
 * cannot be completed is not reported as a success.
 */
public final class TrialReporting {
  private final PrintStream err;

  public TrialReporting(PrintStream err) {
    this.err = err;
  }

  /** A run id the server does not know: a mistake in the spec, not a crash. */
  public static final class RunNotFound extends Exception {
    RunNotFound(String message) {
      super(message);
    }
  }

  public MlflowRun open(MlflowSpec m, String trialId, Path outputDir) throws RunNotFound {
    try {
      return MlflowRun.open(m, trialId, outputDir, err);
    } catch (MlflowHttpException e) {
      if (e.getStatusCode() == 404 && m.runId().isPresent()) {
        throw new RunNotFound(
            "mlflow.run_id: '" + m.runId().get() + "' does not exist at " + m.trackingUri());
      }
      throw e;
    }
  }

  /**
   * Ends the run with the trial's own status: uploads that MLflow refused, or that wait on disk for
   * the next start because it was down, are said in the reason, not turned into a failure.
   *
   * @param haltAt when a stop signal's grace period runs out, if one is running (read again while
   *     the end waits for uploads)
   */
  public Outcome end(MlflowRun run, Outcome outcome, Supplier<Optional<Instant>> haltAt) {
    try {
      MlflowRun.Ending ending =
          run.end(outcome.status().name(), outcome.reason(), outcome.status().runStatus(), haltAt);
      if (ending.note().isEmpty()) {
        return outcome;
      }
      err.println("tracking: " + ending.note());
      if (outcome.status() == ExitStatus.SUCCEEDED
          && (ending.spilledValues() > 0 || ending.spilledArtifacts() > 0)) {
        // Trained to the end, but MLflow lacks part of it: exiting 0 would strand that on disk.
        // 75 has the platform start the trial again at once: it resumes at its final
        // checkpoint, trains no step, sends what waits on disk and ends the run.
        return new Outcome(
            ExitStatus.INTERRUPTED,
            "trained to step "
                + outcome.lastStep()
                + ", but "
                + ending.note()
                + "; exiting 75 so that the next start of this trial sends them and ends the run",
            outcome.lastStep(),
            outcome.metrics());
      }
      String reason =
          outcome.reason() == null || outcome.reason().isBlank()
              ? ending.note()
              : outcome.reason() + "; " + ending.note();
      return new Outcome(outcome.status(), reason, outcome.lastStep(), outcome.metrics());
    } catch (RuntimeException e) {
      err.println("warning: could not end MLflow run " + run.runId() + ": " + e.getMessage());
      if (outcome.status() == ExitStatus.SUCCEEDED) {
        return new Outcome(
            ExitStatus.FAILED,
            "trained, but the MLflow run could not be ended: " + e.getMessage(),
            outcome.lastStep(),
            outcome.metrics());
      }
    }
    return outcome;
  }

  /** Marks the spec's existing run with how the trial ended, without having trained in it. */
  public void markRun(MlflowSpec m, Outcome outcome) {
    try {
      MlflowRun.markEnded(
          m, outcome.status().name(), outcome.reason(), outcome.status().runStatus());
    } catch (RuntimeException e) {
      err.println(
          "warning: could not mark MLflow run " + m.runId().orElse("") + ": " + e.getMessage());
    }
  }

  public void writeResult(Outcome outcome, Path dir) {
    try {
      outcome.writeTo(dir);
    } catch (IOException e) {
      err.println("warning: could not write " + dir.resolve("result.json") + ": " + e);
    }
  }

  /** 0.0002 rather than 2.0E-4: params are read by people. */
  public static String plain(Object v) {
    return v instanceof Double d
        ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
        : String.valueOf(v);
  }
}
