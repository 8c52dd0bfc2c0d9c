package dev.atelier.trainers;

import org.mlflow.api.proto.Service.RunStatus;

/**
 * The trainer's documented exit codes, with the {@code atelier.status} tag and the MLflow run
 * status each one leaves behind. 75 is EX_TEMPFAIL from sysexits.h: try again later.
 */
public enum ExitStatus {
  SUCCEEDED(0, RunStatus.FINISHED),
  FAILED(1, RunStatus.FAILED),
  BAD_SPEC(2, RunStatus.FAILED),
  DIVERGED(3, RunStatus.FAILED),
  /** Stopped by its sweep: a decision, so the run ends FINISHED; the checkpoint is resumable. */
  PRUNED(4, RunStatus.FINISHED),
  INTERRUPTED(75, RunStatus.KILLED);

  private final int code;
  private final RunStatus runStatus;

  ExitStatus(int code, RunStatus runStatus) {
    this.code = code;
    this.runStatus = runStatus;
  }

  public int code() {
    return code;
  }

  public RunStatus runStatus() {
    return runStatus;
  }
}
