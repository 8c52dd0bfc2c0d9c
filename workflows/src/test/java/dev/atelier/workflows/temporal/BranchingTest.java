package dev.atelier.workflows.temporal;

import static dev.atelier.workflows.dsl.ParamRef.param;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.workflows.dsl.BranchOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Node;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.ShortCircuitOperator;
import dev.atelier.workflows.dsl.Task;
import dev.atelier.workflows.dsl.TaskGroup;
import dev.atelier.workflows.dsl.TriggerRule;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Branches, short-circuits and skips flowing on per trigger rule, as Airflow runs them. */
class BranchingTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();

  private DagRunResult run(
      TestWorkflowEnvironment env,
      Worker worker,
      WorkflowClient client,
      Dag dag,
      Map<String, Object> conf) {
    worker.registerActivitiesImplementations(
        persistence, new FunctionRunner(dag), new TestPools(Map.of()));
    env.start();
    return Runs.stub(client, worker, dag, "manual__1")
        .run(Runs.input(dag, "manual__1", conf, null));
  }

  /**
   *
   *
   * <pre>
   *                  ┌─▶ small_model ─────────────────┬──▶ join (none_failed_min_one_success) ──▶ report
   *   choose ────────┤                                │
   *   (branch)       └─▶ large_model ──▶ large_eval ──┴──▶ strict_join (all_success)
   * </pre>
   */
  @Test
  void theBranchRunsTheChosenTaskAndSkipsTheOtherWhoseSkipFlowsOnPerTriggerRule(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b =
        Dag.builder("branching")
            .params(Params.builder().param("size", Param.string("small")).build());
    Task choose =
        b.add(
            new BranchOperator("choose", ctx -> ctx.arg("size", String.class) + "_model")
                .arg("size", param("size")));
    Task small = b.add(new EmptyOperator("small_model"));
    Task large = b.add(new EmptyOperator("large_model"));
    Task largeEval = b.add(new EmptyOperator("large_eval"));
    Task join =
        b.add(new FunctionTask("join", ctx -> "joined"))
            .triggerRule(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS);
    Task strictJoin = b.add(new EmptyOperator("strict_join"));
    Task report = b.add(new EmptyOperator("report"));
    choose.then(List.of(small, large));
    large.then(largeEval);
    Node.all(small, largeEval).then(List.of(join, strictJoin));
    join.then(report);

    DagRunResult result = run(env, worker, client, b.build(), Map.of());

    assertEquals(
        Map.of(
            "choose", "success",
            "small_model", "success",
            "large_model", "skipped",
            "large_eval", "skipped",
            "join", "success",
            "strict_join", "skipped",
            "report", "success"),
        result.taskStates());
    assertEquals("success", result.state());
    assertEquals(
        "skipped: branch 'choose' followed [small_model]",
        persistence.last("large_model", -1).note());
    assertEquals("\"small_model\"", persistence.last("choose", -1).xcomJson());
  }

  /**
   *
   *
   * <pre>
   *   choose ──▶ train_group.fit ──▶ train_group.score
   *          └─▶ skip_training
   *   (choose returns the group id "train_group": the group's roots run)
   * </pre>
   */
  @Test
  void aBranchNamingATaskGroupFollowsTheGroupsRoots(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("branch_to_group");
    Task choose = b.add(new BranchOperator("choose", ctx -> List.of("train_group")));
    TaskGroup group = b.group("train_group");
    group.add(new EmptyOperator("fit")).then(group.add(new EmptyOperator("score")));
    Task skip = b.add(new EmptyOperator("skip_training"));
    choose.then(List.of(group, skip));

    DagRunResult result = run(env, worker, client, b.build(), Map.of());

    assertEquals(
        Map.of(
            "choose", "success",
            "train_group.fit", "success",
            "train_group.score", "success",
            "skip_training", "skipped"),
        result.taskStates());
  }

  /**
   *
   *
   * <pre>
   *   choose ──▶ a        (choose returns "nope", which is no task of the Dag)
   * </pre>
   */
  @Test
  void aBranchReturningAnUnknownIdFailsWithAirflowsMessage(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("bad_branch");
    b.add(new BranchOperator("choose", ctx -> "nope")).then(b.add(new EmptyOperator("a")));

    DagRunResult result = run(env, worker, client, b.build(), Map.of());

    assertEquals(Map.of("choose", "failed", "a", "upstream_failed"), result.taskStates());
    assertEquals(
        "'branch_task_ids' must contain only valid task_ids. Invalid tasks found: [nope]",
        persistence.last("choose", -1).note());
  }

  /**
   *
   *
   * <pre>
   *   gate (falsy) ──▶ a ──▶ b (all_done)                       ignore_downstream_trigger_rules
   *   soft_gate (falsy) ──▶ c ──▶ d (all_done)                  only direct downstream skipped
   *   open_gate (truthy) ──▶ e
   * </pre>
   */
  @Test
  void aFalsyShortCircuitSkipsEverythingDownstreamOrOnlyItsDirectDownstream(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("short_circuits");
    Task gate = b.add(new ShortCircuitOperator("gate", ctx -> List.of()));
    gate.then(b.add(new EmptyOperator("a")))
        .then(b.add(new EmptyOperator("b")).triggerRule(TriggerRule.ALL_DONE));
    Task softGate =
        b.add(new ShortCircuitOperator("soft_gate", ctx -> 0).ignoreDownstreamTriggerRules(false));
    softGate
        .then(b.add(new EmptyOperator("c")))
        .then(b.add(new EmptyOperator("d")).triggerRule(TriggerRule.ALL_DONE));
    b.add(new ShortCircuitOperator("open_gate", ctx -> "yes")).then(b.add(new EmptyOperator("e")));

    DagRunResult result = run(env, worker, client, b.build(), Map.of());

    assertEquals(
        Map.of(
            "gate", "success",
            "a", "skipped",
            "b", "skipped",
            "soft_gate", "success",
            "c", "skipped",
            "d", "success",
            "open_gate", "success",
            "e", "success"),
        result.taskStates());
    assertEquals(
        "skipped: short-circuit 'gate' returned a falsy value", persistence.last("b", -1).note());
  }
}
