package dev.atelier.workflows.dsl;

import static dev.atelier.workflows.dsl.TaskState.FAILED;
import static dev.atelier.workflows.dsl.TaskState.NONE;
import static dev.atelier.workflows.dsl.TaskState.RUNNING;
import static dev.atelier.workflows.dsl.TaskState.SKIPPED;
import static dev.atelier.workflows.dsl.TaskState.SUCCESS;
import static dev.atelier.workflows.dsl.TaskState.UPSTREAM_FAILED;
import static dev.atelier.workflows.dsl.TriggerDecision.RUN;
import static dev.atelier.workflows.dsl.TriggerDecision.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Airflow's trigger rules as a truth table. Each row: a rule, the states of three upstream task
 * instances ("-" = not finished yet), and what Airflow's scheduler decides for the downstream task.
 *
 * <pre>
 *   up1 ──┐
 *   up2 ──┼──▶ task (trigger_rule = ?)
 *   up3 ──┘
 * </pre>
 */
class TriggerRuleTest {

  @ParameterizedTest(name = "{0} with [{1}] -> {2}")
  @CsvSource({
    // rule,                      upstream states,                         decision
    "all_success,                 success success success,                 RUN",
    "all_success,                 success running success,                 WAIT",
    "all_success,                 success failed running,                  UPSTREAM_FAILED",
    "all_success,                 success upstream_failed success,         UPSTREAM_FAILED",
    "all_success,                 success skipped success,                 SKIPPED",
    "all_failed,                  failed upstream_failed failed,           RUN",
    "all_failed,                  failed running failed,                   WAIT",
    "all_failed,                  failed success failed,                   SKIPPED",
    "all_failed,                  failed skipped failed,                   SKIPPED",
    "all_done,                    success failed skipped,                  RUN",
    "all_done,                    success failed running,                  WAIT",
    "all_done,                    upstream_failed upstream_failed failed,  RUN",
    "all_done_setup_success,      success failed skipped,                  RUN",
    "all_done_setup_success,      success running skipped,                 WAIT",
    "all_done_min_one_success,    success failed upstream_failed,          RUN",
    "all_done_min_one_success,    success failed skipped,                  SKIPPED",
    "all_done_min_one_success,    success failed running,                  WAIT",
    "all_done_min_one_success,    failed failed upstream_failed,           UPSTREAM_FAILED",
    "all_done_min_one_success,    skipped skipped skipped,                 SKIPPED",
    "all_skipped,                 skipped skipped skipped,                 RUN",
    "all_skipped,                 skipped running skipped,                 WAIT",
    "all_skipped,                 skipped success running,                 SKIPPED",
    "all_skipped,                 skipped upstream_failed skipped,         SKIPPED",
    "one_success,                 success running running,                 RUN",
    "one_success,                 failed running skipped,                  WAIT",
    "one_success,                 failed failed skipped,                   UPSTREAM_FAILED",
    "one_success,                 skipped skipped skipped,                 SKIPPED",
    "one_failed,                  failed running running,                  RUN",
    "one_failed,                  upstream_failed running running,         RUN",
    "one_failed,                  success running skipped,                 WAIT",
    "one_failed,                  success success skipped,                 SKIPPED",
    "one_done,                    success running running,                 RUN",
    "one_done,                    failed running running,                  RUN",
    "one_done,                    upstream_failed skipped running,         WAIT",
    "one_done,                    upstream_failed skipped skipped,         SKIPPED",
    "none_failed,                 success skipped success,                 RUN",
    "none_failed,                 success skipped running,                 WAIT",
    "none_failed,                 success failed running,                  UPSTREAM_FAILED",
    "none_failed,                 success upstream_failed success,         UPSTREAM_FAILED",
    "none_failed_min_one_success, success skipped skipped,                 RUN",
    "none_failed_min_one_success, skipped skipped skipped,                 SKIPPED",
    "none_failed_min_one_success, skipped failed skipped,                  UPSTREAM_FAILED",
    "none_failed_min_one_success, success running skipped,                 WAIT",
    "none_skipped,                success failed upstream_failed,          RUN",
    "none_skipped,                success running failed,                  WAIT",
    "none_skipped,                success skipped running,                 SKIPPED",
    "always,                      running running running,                 RUN",
    "always,                      failed skipped upstream_failed,          RUN",
  })
  void decidesAsAirflow(String rule, String states, TriggerDecision expected) {
    List<TaskState> upstream =
        Arrays.stream(states.trim().split("\\s+")).map(TaskState::fromValue).toList();
    assertEquals(expected, TriggerRule.fromValue(rule).decide(upstream));
  }

  @Test
  void aTaskWithoutUpstreamsRunsWhateverItsRule() {
    for (TriggerRule rule : TriggerRule.values()) {
      assertEquals(RUN, rule.decide(List.of()), rule.value());
    }
  }

  @Test
  void anUpstreamNotStartedYetKeepsTheDefaultRuleWaiting() {
    assertEquals(WAIT, TriggerRule.ALL_SUCCESS.decide(List.of(SUCCESS, NONE)));
    assertEquals(WAIT, TriggerRule.ALL_DONE.decide(List.of(FAILED, RUNNING)));
    assertEquals(
        TriggerDecision.UPSTREAM_FAILED, TriggerRule.ALL_SUCCESS.decide(List.of(UPSTREAM_FAILED)));
    assertEquals(TriggerDecision.SKIPPED, TriggerRule.ALL_SUCCESS.decide(List.of(SKIPPED)));
  }

  @Test
  void everyAirflowRuleNameIsKnown() {
    List<String> airflow =
        List.of(
            "all_success",
            "all_failed",
            "all_done",
            "all_done_setup_success",
            "all_done_min_one_success",
            "all_skipped",
            "one_success",
            "one_failed",
            "one_done",
            "none_failed",
            "none_failed_min_one_success",
            "none_skipped",
            "always");
    assertEquals(airflow, Arrays.stream(TriggerRule.values()).map(TriggerRule::value).toList());
  }
}
