package dev.atelier.workflows.dsl;

import java.util.Arrays;
import java.util.Collection;

/**
 * Airflow's trigger rules, with the same names and the same decisions as Airflow's scheduler
 * ({@code trigger_rule_dep}): a rule may settle a task as skipped or upstream_failed before all
 * upstreams are done, and the "one_*" rules fire as soon as one upstream qualifies.
 *
 * <p>Atelier has no setup/teardown tasks, so {@link #ALL_DONE_SETUP_SUCCESS} decides like {@link
 * #ALL_DONE}. {@link #ALL_DONE_MIN_ONE_SUCCESS} waits for every upstream, runs if one succeeded,
 * and otherwise settles like {@link #ONE_SUCCESS} does (skipped if all were skipped, else
 * upstream_failed).
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
   * one state per instance). A task without upstreams always runs.
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
    int failures = failed + upstreamFailed;
    return switch (this) {
      case ALL_SUCCESS ->
          failures > 0
              ? TriggerDecision.UPSTREAM_FAILED
              : skipped > 0
                  ? TriggerDecision.SKIPPED
                  : success + removed == n ? TriggerDecision.RUN : TriggerDecision.WAIT;
      case ALL_FAILED ->
          success + skipped > 0
              ? TriggerDecision.SKIPPED
              : failures + removed == n ? TriggerDecision.RUN : TriggerDecision.WAIT;
      case ALL_DONE, ALL_DONE_SETUP_SUCCESS -> allDone ? TriggerDecision.RUN : TriggerDecision.WAIT;
      case ALL_DONE_MIN_ONE_SUCCESS ->
          !allDone
              ? TriggerDecision.WAIT
              : success > 0 ? TriggerDecision.RUN : noSuccess(done, skipped);
      case ALL_SKIPPED ->
          success + failures > 0
              ? TriggerDecision.SKIPPED
              : skipped == n ? TriggerDecision.RUN : TriggerDecision.WAIT;
      case ONE_SUCCESS ->
          success > 0
              ? TriggerDecision.RUN
              : allDone ? noSuccess(done, skipped) : TriggerDecision.WAIT;
      case ONE_FAILED ->
          failures > 0
              ? TriggerDecision.RUN
              : allDone ? TriggerDecision.SKIPPED : TriggerDecision.WAIT;
      case ONE_DONE ->
          success + failed > 0
              ? TriggerDecision.RUN
              : allDone ? TriggerDecision.SKIPPED : TriggerDecision.WAIT;
      case NONE_FAILED ->
          failures > 0
              ? TriggerDecision.UPSTREAM_FAILED
              : allDone ? TriggerDecision.RUN : TriggerDecision.WAIT;
      case NONE_FAILED_MIN_ONE_SUCCESS ->
          failures > 0
              ? TriggerDecision.UPSTREAM_FAILED
              : skipped == n
                  ? TriggerDecision.SKIPPED
                  : allDone ? TriggerDecision.RUN : TriggerDecision.WAIT;
      case NONE_SKIPPED ->
          skipped > 0
              ? TriggerDecision.SKIPPED
              : allDone ? TriggerDecision.RUN : TriggerDecision.WAIT;
      case ALWAYS -> TriggerDecision.RUN;
    };
  }

  private static TriggerDecision noSuccess(int done, int skipped) {
    return done == skipped ? TriggerDecision.SKIPPED : TriggerDecision.UPSTREAM_FAILED;
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
