package dev.atelier.workflows.dsl;

import java.util.Arrays;
import java.util.Collection;

/**
 * Airflow's trigger rules, with the same names and the same decisions as Airflow's scheduler
 * ({@code TriggerRuleDep} with {@code flag_upstream_failed}): a rule may settle a task as skipped
 * or upstream_failed before all upstreams are done, and the "one_*" rules fire as soon as one
 * upstream qualifies. {@link #ALL_DONE_MIN_ONE_SUCCESS} is Airflow 3.1's rule: any skipped upstream
 * skips the task; otherwise it waits for all, runs if one succeeded, else is upstream_failed.
 *
 * <p>Atelier has no setup/teardown tasks, so {@link #ALL_DONE_SETUP_SUCCESS} decides exactly as
 * Airflow does for a task without setup upstreams: like {@link #ALL_DONE}. A {@code removed}
 * upstream counts as Airflow counts it for an unmapped task instance: done, but neither a success
 * nor a failure (runs carry their own Dag, so Atelier never removes a task mid-run).
 */
public enum TriggerRule {
  ALL_SUCCESS("all_success"),
  ALL_FAILED("all_failed"),
  ALL_DONE("all_done"),
  ALL_DONE_SETUP_SUCCESS("all_done_setup_success"),
  ALL_DONE_MIN_ONE_SUCCESS("all_done_min_one_success"),
  ALL_SKIPPED("all_skipped"),
  ONE_SUCCESS("one_success"),
  ONE_FAILED("one_failed"),
  ONE_DONE("one_done"),
  NONE_FAILED("none_failed"),
  NONE_FAILED_MIN_ONE_SUCCESS("none_failed_min_one_success"),
  NONE_SKIPPED("none_skipped"),
  ALWAYS("always");

  private final String value;

  TriggerRule(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static TriggerRule fromValue(String value) {
    return Arrays.stream(values())
        .filter(r -> r.value.equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown trigger rule '" + value + "'"));
  }

  /**
   * Decides a task from the states of its upstream task instances (a mapped upstream contributes
   * one state per instance; not finished yet is any state that is not finished). A task without
   * upstreams always runs, as in Airflow.
   */
  public TriggerDecision decide(Collection<TaskState> upstream) {
    int n = upstream.size();
    if (n == 0 || this == ALWAYS) {
      return TriggerDecision.RUN;
    }
    int success = count(upstream, TaskState.SUCCESS);
    int skipped = count(upstream, TaskState.SKIPPED);
    int failed = count(upstream, TaskState.FAILED);
    int upstreamFailed = count(upstream, TaskState.UPSTREAM_FAILED);
    int removed = count(upstream, TaskState.REMOVED);
    int done = success + skipped + failed + upstreamFailed + removed;
    boolean allDone = done >= n;
    boolean anyFailure = failed + upstreamFailed > 0;
    TriggerDecision settled = settle(success, skipped, failed, anyFailure, done, allDone, n);
    if (settled != null) {
      return settled;
    }
    boolean run =
        switch (this) {
          case ALL_SUCCESS -> success == n;
          case ALL_FAILED -> failed + upstreamFailed == n;
          case ALL_DONE, ALL_DONE_SETUP_SUCCESS -> allDone;
          case ALL_DONE_MIN_ONE_SUCCESS -> allDone && success > 0;
          case ALL_SKIPPED -> skipped == n;
          case ONE_SUCCESS -> success > 0;
          case ONE_FAILED -> anyFailure;
          case ONE_DONE -> success + failed > 0;
          case NONE_FAILED, NONE_FAILED_MIN_ONE_SUCCESS -> success + skipped == n;
          case NONE_SKIPPED -> allDone;
          case ALWAYS -> true;
        };
    return run ? TriggerDecision.RUN : TriggerDecision.WAIT;
  }

  /** Airflow's {@code flag_upstream_failed} step: the state a rule settles the task in, or null. */
  private TriggerDecision settle(
      int success, int skipped, int failed, boolean anyFailure, int done, boolean allDone, int n) {
    TriggerDecision skip = TriggerDecision.SKIPPED;
    TriggerDecision upFailed = TriggerDecision.UPSTREAM_FAILED;
    return switch (this) {
      case ALL_SUCCESS -> anyFailure ? upFailed : skipped > 0 ? skip : null;
      case NONE_FAILED -> anyFailure ? upFailed : null;
      case ALL_FAILED -> success + skipped > 0 ? skip : null;
      case ONE_SUCCESS -> !allDone ? null : done == skipped ? skip : success == 0 ? upFailed : null;
      case ONE_FAILED -> allDone && !anyFailure ? skip : null;
      case ONE_DONE -> allDone && success + failed == 0 ? skip : null;
      case NONE_FAILED_MIN_ONE_SUCCESS -> anyFailure ? upFailed : skipped == n ? skip : null;
      case NONE_SKIPPED -> skipped > 0 ? skip : null;
      case ALL_SKIPPED -> success > 0 || anyFailure ? skip : null;
      case ALL_DONE_MIN_ONE_SUCCESS ->
          skipped > 0 ? skip : allDone && success == 0 ? upFailed : null;
      case ALL_DONE, ALL_DONE_SETUP_SUCCESS, ALWAYS -> null;
    };
  }

  private static int count(Collection<TaskState> states, TaskState wanted) {
    int c = 0;
    for (TaskState s : states) {
      if (s == wanted) {
        c++;
      }
    }
    return c;
  }

  @Override
  public String toString() {
    return value;
  }
}
