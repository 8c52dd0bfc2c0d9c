package dev.atelier.workflows.dsl;

import static dev.atelier.workflows.dsl.ParamRef.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every mistake of a Dag definition is reported when it is built, all at once, each naming the task
 * (or setting) and the bad value; the exception's message names the Dag.
 */
class DefinitionErrorsTest {
  private static List<String> violations(DagBuilder dag) {
    return assertThrows(DagValidationException.class, dag::build).violations();
  }

  private static DagBuilder dag() {
    return Dag.builder("broken").params(Params.builder().param("steps", Param.integer(10)).build());
  }

  @Test
  void badScheduleSettingsIdsAndRelativesAreAllReported() {
    DagBuilder b = dag().schedule("61 * * * *").maxActiveTasks(0);
    b.add(new EmptyOperator("bad id!"));
    b.add(new EmptyOperator("twice"));
    b.add(new EmptyOperator("twice"));
    b.add(new EmptyOperator("a")).then(new EmptyOperator("stray"));
    b.add(new EmptyOperator("settings"))
        .retries(-1)
        .executionTimeout(Duration.ZERO)
        .pool("gpu pool")
        .poolSlots(0);
    b.add(new EmptyOperator("slots")).poolSlots(2);
    b.add(new EmptyOperator("outlets")).outlets("s3://a", "s3://my bucket", "s3://a");

    DagValidationException e = assertThrows(DagValidationException.class, b::build);

    assertEquals(
        List.of(
            "schedule '61 * * * *' is not a valid cron expression or preset: Value 61 not in"
                + " range [0, 59]",
            "max_active_tasks must be at least 1, got 0",
            "task_id 'bad id!' has to be made of alphanumeric characters, dashes, dots and"
                + " underscores exclusively, at most 250 of them",
            "Task id 'twice' has already been added to the Dag",
            "Task 'stray' depends on 'a' but was never added to this Dag",
            "Task 'settings': retries must be >= 0, got -1",
            "Task 'settings': execution_timeout must be at least 1 s, got 0 s",
            "Task 'settings': pool 'gpu pool' must be 1 to 256 letters, digits, dots, dashes or"
                + " underscores",
            "Task 'settings': pool_slots must be >= 1, got 0",
            "Task 'slots': pool_slots 2 is set but the task has no pool",
            "Task 'outlets': outlets[1] 's3://my bucket' must not contain spaces",
            "Task 'outlets': outlets [s3://a, s3://my bucket, s3://a] name an asset twice"),
        e.violations());
    assertEquals("broken", e.dagId());
    assertEquals("Dag broken is invalid: " + String.join("; ", e.violations()), e.getMessage());
  }

  @Test
  void mappingOverWhatCannotBeMappedAndBadCallsAreReported() {
    DagBuilder b = dag();
    FunctionTask source = b.add(new FunctionTask("source", ctx -> List.of(1)));
    b.add(new FunctionTask("scalar", ctx -> null, "x")).expand(Kwargs.of("x", 5));
    b.add(new FunctionTask("wrong_param", ctx -> null, "x")).expand(Kwargs.of("x", param("steps")));
    b.add(new FunctionTask("both", ctx -> null, "x"))
        .partial(Kwargs.of("x", 1))
        .expand(Kwargs.of("x", List.of(2)));
    b.add(new FunctionTask("call", ctx -> null, "x", "y")).arg("z", 1);
    b.add(new FunctionTask("kwargs", ctx -> null, "lr"))
        .expandKwargs(List.of(Map.of("lr", 0.1), 7, Map.of("lr2", 0.2)));
    b.add(new FunctionTask("mixed", ctx -> null))
        .expand(Kwargs.of("x", List.of(1)))
        .expandKwargs(source.output());
    FunctionTask outsider = new FunctionTask("outsider", ctx -> 1);
    b.add(new FunctionTask("orphan", ctx -> null)).arg("v", outsider.output());
    FunctionTask self = b.add(new FunctionTask("self", ctx -> null));
    self.arg("me", self.output("key"));

    assertEquals(
        List.of(
            "scalar.expand() argument 'x' must be a list, a dict, an XComArg or a reference to an"
                + " array param, got 5",
            "wrong_param.expand() argument 'x' refers to params.steps, which is of type"
                + " 'integer', not 'array'",
            "both.expand() got argument 'x' that partial() already set",
            "call() got an unexpected argument 'z'",
            "call() missing required argument 'x'",
            "call() missing required argument 'y'",
            "kwargs.expand_kwargs() item [1] must be a dict of arguments, got 7",
            "kwargs.expand_kwargs() item [2] got an unexpected argument 'lr2'",
            "mixed.expand_kwargs() cannot be combined with expand(); map over one or the other",
            "Task 'orphan' argument 'v' refers to the XCom of 'outsider', which is not a task of"
                + " this Dag",
            "Task 'self' argument 'me' refers to its own XCom; a task cannot consume what it"
                + " returns"),
        violations(b));
  }

  /**
   *
   *
   * <pre>
   *   prepare ──▶ cleanup_skipped (all_skipped)       prepare is an EmptyOperator: never skips
   *           └─▶ alert (one_failed)                  …and never fails
   *   check (function) ──▶ notify_skip (all_skipped)  fine: a function may raise TaskSkipped
   *   train (activity) ──▶ on_failure (all_failed)    fine: an activity can fail
   * </pre>
   */
  @Test
  void aTriggerRuleThatCanNeverFireIsReported() {
    DagBuilder b = dag();
    Task prepare = b.add(new EmptyOperator("prepare"));
    prepare.then(b.add(new EmptyOperator("cleanup_skipped")).triggerRule(TriggerRule.ALL_SKIPPED));
    prepare.then(b.add(new EmptyOperator("alert")).triggerRule(TriggerRule.ONE_FAILED));
    b.add(new FunctionTask("check", ctx -> true))
        .then(b.add(new EmptyOperator("notify_skip")).triggerRule(TriggerRule.ALL_SKIPPED));
    b.add(new ActivityOperator("train", "Train"))
        .then(b.add(new EmptyOperator("on_failure")).triggerRule(TriggerRule.ALL_FAILED));

    assertEquals(
        List.of(
            "Task 'cleanup_skipped': trigger_rule 'all_skipped' can never fire: none of its"
                + " upstream tasks (prepare) can end skipped",
            "Task 'alert': trigger_rule 'one_failed' can never fire: none of its upstream tasks"
                + " (prepare) can fail (an EmptyOperator never fails)"),
        violations(b));
  }

  /**
   *
   *
   * <pre>
   *   choose (branch) ──▶ a ──▶ b ──▶ all_skipped_after_branch (all_skipped)
   *   gate (short-circuit) ──▶ c ──▶ d (all_done) ──▶ after_gate (all_skipped)
   * </pre>
   */
  @Test
  void skipsThatABranchOrShortCircuitCanCauseDownstreamAreReachable() {
    DagBuilder b = dag();
    b.add(new BranchOperator("choose", ctx -> "a"))
        .then(b.add(new EmptyOperator("a")))
        .then(b.add(new EmptyOperator("b")))
        .then(
            b.add(new EmptyOperator("all_skipped_after_branch"))
                .triggerRule(TriggerRule.ALL_SKIPPED));
    b.add(new ShortCircuitOperator("gate", ctx -> false))
        .then(b.add(new EmptyOperator("c")))
        .then(b.add(new EmptyOperator("d")).triggerRule(TriggerRule.ALL_DONE))
        .then(b.add(new EmptyOperator("after_gate")).triggerRule(TriggerRule.ALL_SKIPPED));

    assertEquals(8, b.build().toSpec().tasks().size(), "builds: no rule is unreachable");
  }

  /**
   *
   *
   * <pre> t0 ──▶ t1 ──▶ … ──▶ t9999   (weight_rule downstream: t0 outweighs all) </pre>
   */
  @Test
  void priorityWeightsOfATenThousandTaskChainAreComputedWithoutRecursion() {
    DagBuilder b = Dag.builder("long_chain");
    Task[] tasks = new Task[10_000];
    for (int i = 0; i < tasks.length; i++) {
      tasks[i] = b.add(new EmptyOperator("t" + i));
    }
    Chain.chain(tasks);
    tasks[5].priorityWeight(100).weightRule(WeightRule.ABSOLUTE);

    DagSpec spec = b.build().toSpec();

    assertEquals(10_000 + 99, spec.tasks().get(0).priorityWeight());
    assertEquals(100, spec.tasks().get(5).priorityWeight());
    assertEquals(1, spec.tasks().get(9_999).priorityWeight());
  }
}
