package dev.atelier.trainers;

import dev.atelier.trainers.spec.MlflowSpec;
import dev.atelier.trainers.tracking.MlflowRun;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
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

  public MlflowRun open(MlflowSpec m, String trialId) throws RunNotFound {
    try {
      return MlflowRun.open(m, trialId, err);
    } catch (MlflowHttpException e) {
      if (e.getStatusCode() == 404 && m.runId().isPresent()) {
        throw new RunNotFound(
            "mlflow.run_id: '" + m.runId().get() + "' does not exist at " + m.trackingUri());
      }
      throw e;
    }
  }

  /** Ends the run; a success whose tracking is incomplete becomes a failure saying why. */
  public Outcome end(MlflowRun run, Outcome outcome) {
    try {
      List<String> problems =
          run.end(outcome.status().name(), outcome.reason(), outcome.status().runStatus());
      if (!problems.isEmpty() && outcome.status() == ExitStatus.SUCCEEDED) {
        return new Outcome(
            ExitStatus.FAILED,
            "trained, but tracking is incomplete: " + String.join("; ", problems),
            outcome.lastStep(),
            outcome.metrics());
      }
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
