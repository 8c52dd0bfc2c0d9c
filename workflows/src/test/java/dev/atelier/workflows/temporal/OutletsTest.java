package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.workflows.activities.OutletEvent;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.TaskFailed;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Airflow's {@code outlets}: a succeeded instance records one dataset event per outlet. */
class OutletsTest {
  static final String IMAGES = "s3://studio/emoji/images";
  static final String LABELS = "s3://studio/emoji/labels";

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final RecordingDatasets datasets = new RecordingDatasets();

  private DagRunResult run(TestWorkflowEnvironment env, Worker worker, WorkflowClient c, Dag dag) {
    worker.registerActivitiesImplementations(
        persistence, new FunctionRunner(dag), new TestPools(Map.of()), datasets);
    env.start();
    return Runs.run(c, worker, dag);
  }

  /**
   *
   *
   * <pre>
   *   export (outlets: images, labels; sets images' extra) ──▶ shard[0], shard[1] (outlet labels)
   * </pre>
   */
  @Test
  void eachSucceededInstanceRecordsItsOutletsWithSourceAndExtra(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("producer");
    var export =
        b.add(
            new FunctionTask(
                "export",
                ctx -> {
                  ctx.outletExtra(IMAGES).put("images", 3800);
                  return "ok";
                }));
    export.outlets(IMAGES, LABELS);
    var shard =
        b.add(new FunctionTask("shard", ctx -> ctx.arg("n", Integer.class), "n"))
            .expand(Kwargs.of("n", List.of(1, 2)));
    shard.outlets(LABELS);
    export.then(shard);

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals("success", result.state());
    assertEquals(
        List.of(
            new OutletEvent(IMAGES, Map.of("images", 3800), "producer", "manual__1", "export", -1),
            new OutletEvent(LABELS, Map.of(), "producer", "manual__1", "export", -1)),
        datasets.events.subList(0, 2));
    assertEquals(
        List.of(
            new OutletEvent(LABELS, Map.of(), "producer", "manual__1", "shard", 0),
            new OutletEvent(LABELS, Map.of(), "producer", "manual__1", "shard", 1)),
        datasets.events.subList(2, 4).stream()
            .sorted((x, y) -> Integer.compare(x.sourceMapIndex(), y.sourceMapIndex()))
            .toList());
    assertEquals(4, datasets.events.size());
  }

  /**
   *
   *
   * <pre>
   *   broken (outlet images, fails)      unrelated (outlet labels, names a URI it does not own)
   * </pre>
   */
  @Test
  void aFailedTaskRecordsNothing_andAnExtraForAnotherDatasetFailsTheTask(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("producer_failing");
    b.add(
            new FunctionTask(
                "broken",
                ctx -> {
                  throw new TaskFailed("no images today");
                }))
        .outlets(IMAGES);
    b.add(
            new FunctionTask(
                "unrelated",
                ctx -> {
                  ctx.outletExtra(IMAGES).put("x", 1);
                  return null;
                }))
        .outlets(LABELS);

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals(Map.of("broken", "failed", "unrelated", "failed"), result.taskStates());
    assertEquals(List.of(), datasets.events);
    assertEquals(
        "IllegalArgumentException: outlet_events: '"
            + IMAGES
            + "' is not an outlet of task unrelated (outlets: ["
            + LABELS
            + "])",
        persistence.last("unrelated", -1).note());
  }
}
