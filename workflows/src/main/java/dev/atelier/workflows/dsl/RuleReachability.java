package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds trigger rules that can never fire because no upstream can ever end in the state the rule
 * waits for: {@code all_skipped} when no upstream can end skipped, {@code all_failed} / {@code
 * one_failed} when no upstream can fail.
 *
 * <p>A task can end skipped if it can skip by itself (a function that may raise {@link
 * TaskSkipped}, a branch, a short-circuit, a mapped task whose list may be empty, a sensor with
 * soft_fail), if it is directly downstream of a branch or short-circuit (or anywhere downstream of
 * a short-circuit that ignores downstream trigger rules), if its rule skips it on plain successes
 * ({@code all_failed}, {@code one_failed}, {@code all_skipped}), or if an upstream can end skipped
 * and its rule passes a skip on. A task can fail unless it is an {@link EmptyOperator} whose rule
 * cannot turn an upstream failure into {@code upstream_failed}. Tasks without upstreams always run,
 * as in Airflow, so they are never reported. Walks the tasks in topological order, no recursion.
 */
final class RuleReachability {
  private static final Set<TriggerRule> PASSES_SKIP =
      Set.of(
          TriggerRule.ALL_SUCCESS,
          TriggerRule.NONE_SKIPPED,
          TriggerRule.ONE_SUCCESS,
          TriggerRule.ONE_DONE,
          TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS,
          TriggerRule.ALL_DONE_MIN_ONE_SUCCESS);
  private static final Set<TriggerRule> SKIPS_ON_SUCCESS =
      Set.of(TriggerRule.ALL_FAILED, TriggerRule.ONE_FAILED, TriggerRule.ALL_SKIPPED);
  private static final Set<TriggerRule> PASSES_FAILURE =
      Set.of(
          TriggerRule.ALL_SUCCESS,
          TriggerRule.NONE_FAILED,
          TriggerRule.ONE_SUCCESS,
          TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS,
          TriggerRule.ALL_DONE_MIN_ONE_SUCCESS);

  private RuleReachability() {}

  /** Tasks must be acyclic and in topological order. */
  static void check(List<Task> topological, DefaultArgs defaults, List<String> violations) {
    Map<Task, Boolean> canSkip = new IdentityHashMap<>();
    Map<Task, Boolean> canFail = new IdentityHashMap<>();
    Map<Task, Boolean> circuitBelow = new IdentityHashMap<>();
    for (Task t : topological) {
      TriggerRule rule = rule(t, defaults);
      boolean hasUp = !t.upstream().isEmpty();
      boolean upSkip = false;
      boolean upFail = false;
      boolean fromBranch = false;
      boolean fromCircuit = false;
      for (Task u : t.upstream()) {
        upSkip |= canSkip.getOrDefault(u, false);
        upFail |= canFail.getOrDefault(u, false);
        fromBranch |=
            u.kind() == TaskKind.BRANCH
                || u.kind() == TaskKind.SHORT_CIRCUIT
                || u.kind() == TaskKind.REVIEW;
        fromCircuit |=
            circuitBelow.getOrDefault(u, false)
                || (u instanceof ShortCircuitOperator s && s.ignoreDownstreamTriggerRules());
      }
      circuitBelow.put(t, fromCircuit);
      canSkip.put(
          t,
          t.canSkipItself()
              || fromBranch
              || fromCircuit
              || (hasUp && SKIPS_ON_SUCCESS.contains(rule))
              || (upSkip && PASSES_SKIP.contains(rule))
              || (upFail && rule == TriggerRule.ONE_DONE));
      canFail.put(t, t.kind() != TaskKind.EMPTY || (upFail && PASSES_FAILURE.contains(rule)));
      if (!hasUp) {
        continue;
      }
      if (rule == TriggerRule.ALL_SKIPPED && !upSkip) {
        violations.add(never(t, rule, "can end skipped"));
      } else if ((rule == TriggerRule.ALL_FAILED || rule == TriggerRule.ONE_FAILED) && !upFail) {
        violations.add(never(t, rule, "can fail (an EmptyOperator never fails)"));
      }
    }
  }

  private static TriggerRule rule(Task t, DefaultArgs defaults) {
    return t.triggerRuleOverride() != null
        ? t.triggerRuleOverride()
        : defaults.triggerRuleOrDefault();
  }

  private static String never(Task t, TriggerRule rule, String what) {
    List<String> ups = new ArrayList<>(t.upstreamTaskIds());
    return "Task '"
        + t.taskId()
        + "': trigger_rule '"
        + rule.value()
        + "' can never fire: none of its upstream tasks ("
        + String.join(", ", ups)
        + ") "
        + what;
  }
}
