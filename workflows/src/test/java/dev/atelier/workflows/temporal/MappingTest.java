package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.activities.OperatorActivities;
import dev.atelier.workflows.dsl.ActivityOperator;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.Task;
import dev.atelier.workflows.dsl.TriggerRule;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dynamic task mapping for any task: partial/expand, expand_kwargs, mapping over an upstream's XCom
 * whose length is known only at run time, reducing over the mapped results, fan-outs run in child
 * workflows, and long runs that continue as new.
 */
class MappingTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final FakeOperators operators = new FakeOperators();
  private final ObjectMapper json = new ObjectMapper();

  private DagRunWorkflow start(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Dag dag) {
    worker.registerActivitiesImplementations(
        persistence, operators, new FunctionRunner(dag), new TestPools(Map.of()));
    env.start();
    return Runs.stub(client, worker, dag, "manual__1");
  }

  private Object xcom(String taskId, int mapIndex) throws Exception {
    return json.readValue(persistence.last(taskId, mapIndex).xcomJson(), Object.class);
  }

  /**
   *
   *
   * <pre>
   *   render[0..3]  partial(size=64).expand(model=[a, b], seed=[1, 2])  (first argument slowest)
   *   prepare[0..1] PrepareDataset activity mapped over path
   * </pre>
   */
  @Test
  void partialAndExpandMapAnyTaskOverTheCartesianProduct(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    DagBuilder b = Dag.builder("products");
    b.add(new FunctionTask("render", ctx -> ctx.args(), "model", "seed", "size"))
        .partial(Kwargs.of("size", 64))
        .expand(Kwargs.of("model", List.of("a", "b"), "seed", List.of(1, 2)));
    b.add(new ActivityOperator("prepare", OperatorActivities.PREPARE_DATASET))
        .arg("image_size", 32)
        .expand(Kwargs.of("path", List.of("/data/a", "/data/b")));

    Dag dag = b.build();

    DagRunResult result =
        start(env, worker, client, dag).run(Runs.input(dag, "manual__1", Map.of(), null));

    assertEquals("success", result.state());
    assertEquals(Map.of("size", 64, "model", "a", "seed", 2), xcom("render", 1));
    assertEquals(Map.of("size", 64, "model", "b", "seed", 1), xcom("render", 2));
    assertEquals(
        List.of("/data/a", "/data/b"),
        operators.prepareCalls.stream()
            .sorted((x, y) -> Integer.compare(x.mapIndex(), y.mapIndex()))
            .map(c -> c.args().get("path"))
            .toList());
  }

  /**
   *
   *
   * <pre>
   *   configs ──▶ train[0..n)  expand_kwargs(configs.output)  ──▶ best (reduce)
   *   fixed[0..1]              expand_kwargs([{lr: 0.1}, {lr: 0.2, steps: 5}])
   * </pre>
   */
  @Test
  void expandKwargsMapsOverDictsLiteralOrFromAnUpstreamXCom(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    DagBuilder b = Dag.builder("kwargs");
    FunctionTask configs =
        b.add(
            new FunctionTask(
                "configs",
                ctx ->
                    List.of(
                        Map.of("lr", 0.1, "steps", 10),
                        Map.of("lr", 0.2, "steps", 20),
                        Map.of("lr", 0.3, "steps", 30))));
    FunctionTask train =
        b.add(
                new FunctionTask(
                    "train",
                    ctx -> ctx.arg("lr", Double.class) * ctx.arg("steps", Integer.class),
                    "lr",
                    "steps"))
            .expandKwargs(configs.output());
    train.then(
        b.add(
            new FunctionTask(
                "best",
                ctx -> {
                  @SuppressWarnings("unchecked")
                  List<Number> scores = (List<Number>) ctx.xcomPull("train");
                  return scores.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
                })));
    b.add(new FunctionTask("fixed", ctx -> ctx.args()))
        .expandKwargs(List.of(Map.of("lr", 0.1), Map.of("lr", 0.2, "steps", 5)));
    Dag dag = b.build();

    DagRunResult result =
        start(env, worker, client, dag).run(Runs.input(dag, "manual__1", Map.of(), null));

    assertEquals("success", result.state());
    assertEquals(List.of("configs"), dag.toSpec().task("train").orElseThrow().upstreamTaskIds());
    assertEquals("success", result.taskStates().get("train[2]"));
    assertEquals(9.0, xcom("best", -1));
    assertEquals(Map.of("lr", 0.2, "steps", 5), xcom("fixed", 1));
  }

  /**
   *
   *
   * <pre>
   *   numbers ──▶ inverse[0..3] ──▶ total (all_done: sums what succeeded)
   *   nothing ──▶ echo[] (mapped over []) ──▶ after
   *   numbers = [1, 2, 0, 4]; inverse[2] divides by zero
   * </pre>
   */
  @Test
  void aReduceSeesTheMappedResultsThatExistAndAnEmptyMappingSkips(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    DagBuilder b = Dag.builder("reduce");
    FunctionTask numbers = b.add(new FunctionTask("numbers", ctx -> List.of(1, 2, 0, 4)));
    FunctionTask inverse =
        b.add(new FunctionTask("inverse", ctx -> 4 / ctx.arg("n", Integer.class), "n"))
            .expand(Kwargs.of("n", numbers.output()));
    Task total =
        b.add(
                new FunctionTask(
                    "total",
                    ctx -> {
                      @SuppressWarnings("unchecked")
                      List<Integer> parts = (List<Integer>) ctx.xcomPull("inverse");
                      return parts.stream().mapToInt(Integer::intValue).sum();
                    }))
            .triggerRule(TriggerRule.ALL_DONE);
    inverse.then(total);
    FunctionTask nothing = b.add(new FunctionTask("nothing", ctx -> List.of()));
    FunctionTask echo =
        b.add(new FunctionTask("echo", ctx -> ctx.arg("x", Object.class), "x"))
            .expand(Kwargs.of("x", nothing.output()));
    echo.then(b.add(new EmptyOperator("after")));
    Dag dag = b.build();

    DagRunResult result =
        start(env, worker, client, dag).run(Runs.input(dag, "manual__1", Map.of(), null));

    Map<String, String> states = new LinkedHashMap<>(result.taskStates());
    assertEquals("failed", states.get("inverse[2]"));
    assertEquals("success", states.get("inverse[3]"));
    assertEquals("success", states.get("total"));
    assertEquals(7, xcom("total", -1));
    assertEquals("ArithmeticException: / by zero", persistence.last("inverse", 2).note());
    assertEquals("skipped", states.get("echo"));
    assertEquals("skipped", states.get("after"));
  }

  /**
   *
   *
   * <pre>
   *   numbers ──▶ square[0..9] ──▶ total       inline limit 4, chunks of 3: square runs in four
   *                                            child workflows (:square:map0 … :square:map3)
   * </pre>
   */
  @Test
  void aFanOutLargerThanTheInlineLimitRunsInChildWorkflowsAndStillReduces(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    DagBuilder b = Dag.builder("fan_out").maxActiveTasks(4);
    FunctionTask numbers =
        b.add(new FunctionTask("numbers", ctx -> IntStream.range(0, 10).boxed().toList()));
    FunctionTask square =
        b.add(
                new FunctionTask(
                    "square",
                    ctx -> ctx.arg("n", Integer.class) * ctx.arg("n", Integer.class),
                    "n"))
            .expand(Kwargs.of("n", numbers.output()));
    square.then(
        b.add(
            new FunctionTask(
                "total",
                ctx -> {
                  @SuppressWarnings("unchecked")
                  List<Integer> squares = (List<Integer>) ctx.xcomPull("square");
                  return squares.stream().mapToInt(Integer::intValue).sum();
                })));
    Dag dag = b.build();

    DagRunResult result =
        start(env, worker, client, dag)
            .run(Runs.input(dag, "manual__1", Map.of(), new EngineLimits(4_000, 4, 3)));

    assertEquals("success", result.state());
    assertEquals(285, xcom("total", -1));
    assertEquals("success", result.taskStates().get("square[9]"));
    assertEquals(
        List.of("scheduled", "queued", "running", "success"), persistence.statesOf("square", 9));
    String runId = AtelierWorkflows.workflowId("fan_out", "manual__1");
    for (int chunk = 0; chunk < 4; chunk++) {
      assertTrue(
          client.fetchHistory(runId + ":square:map" + chunk).getEvents().size() > 0,
          "chunk " + chunk);
    }
    long parentActivities =
        client.fetchHistory(runId).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals("RunTaskFunction"))
            .count();
    assertEquals(2, parentActivities, "only numbers and total run in the parent's history");
  }

  /**
   *
   *
   * <pre>
   *   start ──▶ [t00 … t11] ──▶ end      max_active_tasks 3
   * </pre>
   *
   * Every downstream instance shows {@code scheduled} before any of them is queued (the decision is
   * recorded whole, as Airflow's scheduler does), each passes through queued and running, and no
   * state write goes through the server as an activity of its own: the tries are the only ones.
   */
  @Test
  void aFanOutRecordsEveryInstanceScheduledBeforeAnyStartsAndOnlyTriesAreServerActivities(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("wide").maxActiveTasks(3);
    Task start = b.add(new FunctionTask("start", ctx -> 0));
    Task end = b.add(new EmptyOperator("end"));
    for (int i = 0; i < 12; i++) {
      start.then(b.add(new FunctionTask(String.format("t%02d", i), ctx -> 1))).then(end);
    }
    Dag dag = b.build();

    DagRunResult result =
        start(env, worker, client, dag).run(Runs.input(dag, "manual__1", Map.of(), null));

    assertEquals("success", result.state());
    List<String> fanOut =
        persistence.records.stream()
            .filter(r -> r.taskId().startsWith("t"))
            .map(r -> r.state() + " " + r.taskId())
            .toList();
    int firstQueued =
        IntStream.range(0, fanOut.size())
            .filter(i -> fanOut.get(i).startsWith("queued"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        IntStream.range(0, 12).mapToObj(i -> String.format("scheduled t%02d", i)).toList(),
        fanOut.subList(0, firstQueued));
    assertEquals(
        List.of("scheduled", "queued", "running", "success"), persistence.statesOf("t11", -1));
    Map<String, Long> serverActivities = new LinkedHashMap<>();
    client.fetchHistory(AtelierWorkflows.workflowId("wide", "manual__1")).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .forEach(
            e ->
                serverActivities.merge(
                    e.getActivityTaskScheduledEventAttributes().getActivityType().getName(),
                    1L,
                    Long::sum));
    assertEquals(Map.of("RunTaskFunction", 13L), serverActivities);
  }

  /**
   *
   *
   * <pre>
   *   step0 ──▶ step1 ──▶ … ──▶ step24      each returns its upstream's value + 1;
   *                                         the run continues as new every ~150 events
   * </pre>
   */
  @Test
  void aLongRunContinuesAsNewAndKeepsItsStatesAndXComs(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    DagBuilder b = Dag.builder("long_chain");
    Task previous = null;
    for (int i = 0; i < 25; i++) {
      String up = "step" + (i - 1);
      Task step =
          b.add(
              new FunctionTask(
                  "step" + i,
                  ctx -> {
                    Object before = ctx.xcomPull(up);
                    return before == null ? 1 : ((Integer) before) + 1;
                  }));
      if (previous != null) {
        previous.then(step);
      }
      previous = step;
    }
    Dag dag = b.build();
    DagRunWorkflow wf = start(env, worker, client, dag);

    var execution =
        WorkflowClient.start(
            wf::run, Runs.input(dag, "manual__1", Map.of(), new EngineLimits(150, 256, 128)));
    DagRunResult result = WorkflowStub.fromTyped(wf).getResult(DagRunResult.class);

    assertEquals("success", result.state());
    assertEquals(25, result.taskStates().size());
    assertEquals(25, xcom("step24", -1));
    List<HistoryEvent> firstRun =
        client.fetchHistory(execution.getWorkflowId(), execution.getRunId()).getEvents();
    assertEquals(
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
        firstRun.get(firstRun.size() - 1).getEventType());
    assertTrue(firstRun.size() < 400, "first run's history: " + firstRun.size() + " events");
    assertEquals(List.of("running", "success"), persistence.runStates);
  }
}
