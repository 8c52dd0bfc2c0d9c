package dev.atelier.cli;

/**
 * What {@code ./atelier dags|tasks|assets|backfill|auth} exit with; every command's {@code --help}
 * lists them and the README repeats them. The codes of {@code ./atelier users} (2, 3 refused, 4)
 * differ only in that a refusal other than 404 is 1 here, as Airflow's CLI exits 1 on any error.
 */
public final class ExitCodes {
  /** Done. */
  public static final int OK = 0;

  /**
   * The app refused (401, 403, 409, 4xx with its detail printed) or failed (5xx), or the task that
   * {@code tasks test} ran failed.
   */
  public static final int FAILED = 1;

  /** A usage error: the message names the argument, its value and the rule; nothing was sent. */
  public static final int USAGE = 2;

  /** What was named does not exist: a Dag, run or asset (the app's 404), or a Dag or task id. */
  public static final int NOT_FOUND = 3;

  /** The app could not be reached at the URL. */
  public static final int UNREACHABLE = 4;

  /** The {@code Exit codes:} section of every command's help. */
  static final String[] HELP = {
    "%nExit codes:",
    "  0  done",
    "  1  the app refused (401, 403...; its detail is printed) or failed;",
    "     or the task `tasks test` ran failed",
    "  2  usage error naming the argument, its value and the rule; nothing sent",
    "  3  not found: the Dag, run, asset or task named does not exist",
    "  4  the app could not be reached (ATELIER_URL or --url)",
  };

  private ExitCodes() {}
}
