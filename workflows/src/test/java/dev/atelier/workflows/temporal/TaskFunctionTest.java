package dev.atelier.workflows.temporal;

import static dev.atelier.workflows.dsl.ParamRef.param;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.dsl.Chain;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Param;
import dev.atelier.workflows.dsl.Params;
import dev.atelier.workflows.dsl.TaskContext;
import dev.atelier.workflows.dsl.TaskFailed;
import dev.atelier.workflows.dsl.TaskSkipped;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Java functions as tasks ({@code @task}): return values, keyed XComs and the run's context. */
class TaskFunctionTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final ObjectMapper json = new ObjectMapper();

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

  private Object xcom(String taskId, int mapIndex) throws Exception {
    return json.readValue(persistence.last(taskId, mapIndex).xcomJson(), Object.class);
  }

  /**
   *
   *
   * <pre>
   *   extract ──▶ twice[0] ─┐
   *      │    ├─▶ twice[1] ─┼──▶ total
   *      │    └─▶ twice[2] ─┘      ▲
   *      └─────────────────────────┘   (total also pulls extract's "source" XCom)
   * </pre>
   */
  @Test
  void aReturnValueMapsTheNextTaskAndAReduceSeesEveryMappedResult(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    DagBuilder b =
        Dag.builder("map_reduce")
            .params(Params.builder().param("factor", Param.integer(2)).build());
    FunctionTask extract =
        b.add(
            new FunctionTask(
                "extract",
                ctx -> {
                  ctx.xcomPush("source", "sensor-7");
                  return List.of(1, 2, 3);
                }));
    FunctionTask twice =
        b.add(
                new FunctionTask(
                    "twice",
                    ctx -> ctx.arg("x", Integer.class) * ctx.arg("factor", Integer.class),
                    "x",
                    "factor"))
            .arg("factor", param("factor"))
            .expand(Kwargs.of("x", extract.output()));
    FunctionTask total =
        b.add(
            new FunctionTask(
                "total",
                ctx -> {
                  Map<String, Object> out = new LinkedHashMap<>();
                  out.put("mapped", ctx.xcomPull("twice"));
                  out.put("second", ctx.xcomPull("twice", "return_value", 1));
                  out.put("source", ctx.xcomPull("extract", "source"));
                  return out;
                }));
    Chain.chain(twice, total);
    extract.then(total);

    DagRunResult result = run(env, worker, client, b.build(), Map.of("factor", 3));

    assertEquals("success", result.state());
    assertEquals(
        Map.of(
            "extract", "success",
            "twice[0]", "success",
            "twice[1]", "success",
            "twice[2]", "success",
            "total", "success"),
        result.taskStates());
    assertEquals(
        Map.of("mapped", List.of(3, 6, 9), "second", 6, "source", "sensor-7"), xcom("total", -1));
    assertEquals(
        List.of("scheduled", "queued", "running", "success"), persistence.statesOf("twice", 2));
    assertEquals(9, xcom("twice", 2));
  }

  /**
   *
   *
   * <pre>  report   (returns what its context says)  </pre>
   */
  @Test
  void everyTaskSeesTheRunsDatesIdsParamsAndConf(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    DagBuilder b =
        Dag.builder("context").params(Params.builder().param("lr", Param.number(0.001)).build());
    b.add(new FunctionTask("report", TaskFunctionTest::describe));

    run(env, worker, client, b.build(), Map.of("lr", 0.01));

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("dag_id", "context");
    expected.put("task_id", "report");
    expected.put("run_id", "manual__1");
    expected.put("map_index", -1);
    expected.put("try_number", 1);
    expected.put("logical_date", "2026-11-21T10:00:00Z");
    expected.put("data_interval_start", "2026-11-20T10:00:00Z");
    expected.put("data_interval_end", "2026-11-21T10:00:00Z");
    expected.put("ds", "2026-11-21");
    expected.put("ts", "2026-11-21T10:00:00+00:00");
    expected.put("params", Map.of("lr", 0.01));
    expected.put("conf", Map.of("lr", 0.01));
    assertEquals(expected, xcom("report", -1));
  }

  private static Object describe(TaskContext ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dag_id", ctx.dagId());
    out.put("task_id", ctx.taskId());
    out.put("run_id", ctx.runId());
    out.put("map_index", ctx.mapIndex());
    out.put("try_number", ctx.tryNumber());
    out.put("logical_date", ctx.logicalDate().toString());
    out.put("data_interval_start", ctx.dataIntervalStart().toString());
    out.put("data_interval_end", ctx.dataIntervalEnd().toString());
    out.put("ds", ctx.ds());
    out.put("ts", ctx.ts());
    out.put("params", ctx.params());
    out.put("conf", ctx.conf());
    return out;
  }

  /**
   *
   *
   * <pre>
   *   maybe (raises TaskSkipped) ──▶ after
   *   doomed (raises TaskFailed, retries 3)
   *   crash (raises IllegalStateException)
   * </pre>
   */
  @Test
  void aFunctionCanSkipItselfOrFailWithoutRetriesAndItsExceptionIsTheNote(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("outcomes");
    FunctionTask maybe =
        b.add(
            new FunctionTask(
                "maybe",
                ctx -> {
                  throw new TaskSkipped("no new images since the last run");
                }));
    maybe.then(b.add(new EmptyOperator("after")));
    b.add(
            new FunctionTask(
                "doomed",
                ctx -> {
                  throw new TaskFailed("dataset.path: '/nope' does not exist");
                }))
        .retries(3);
    b.add(
        new FunctionTask(
            "crash",
            ctx -> {
              throw new IllegalStateException("disk full");
            }));

    DagRunResult result = run(env, worker, client, b.build(), Map.of());

    assertEquals("failed", result.state());
    assertEquals(
        Map.of("maybe", "skipped", "after", "skipped", "doomed", "failed", "crash", "failed"),
        result.taskStates());
    assertEquals("no new images since the last run", persistence.last("maybe", -1).note());
    assertEquals(1, persistence.last("doomed", -1).tryNumber());
    assertEquals("dataset.path: '/nope' does not exist", persistence.last("doomed", -1).note());
    assertEquals("IllegalStateException: disk full", persistence.last("crash", -1).note());
  }
}
