package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.workflows.activities.OutletEvent;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.TaskFailed;
import dev.atelier.workflows.schedule.Asset;
import dev.atelier.workflows.schedule.AssetAlias;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Airflow 3's {@code outlet_events[AssetAlias(...)].add(Asset(...), extra=...)}: a succeeded
 * instance records the events its function added through its alias outlets, each naming the aliases
 * that added it.
 */
class AliasOutletsTest {
  static final AssetAlias EXPORTS = AssetAlias.of("emoji_exports");
  static final AssetAlias SHARDS = AssetAlias.of("emoji_shards");
  static final String DAY = "s3://studio/emoji/2026-07-01";

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
   *   export (outlets: labels, AssetAlias emoji_exports, AssetAlias emoji_shards)
   *     adds DAY {rows: 7} through both aliases, and s3://.../part-<n> through emoji_shards
   *   ──▶ shard[0], shard[1] (outlet AssetAlias emoji_shards; adds part-<n>)
   * </pre>
   */
  @Test
  void eventsAddedThroughAliases_areRecordedWithTheirAliasesAndSource(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("producer");
    var export =
        b.add(
            new FunctionTask(
                "export",
                ctx -> {
                  ctx.outletEvents(EXPORTS).add(Asset.of(DAY), Map.of("rows", 7));
                  ctx.outletEvents(SHARDS).add(Asset.of(DAY), Map.of("rows", 7));
                  ctx.outletEvents(SHARDS).add(Asset.of("s3://studio/emoji/part-0"));
                  return "ok";
                }));
    export.outlets(Asset.of("s3://studio/emoji/labels"), EXPORTS, SHARDS);
    var shard =
        b.add(
                new FunctionTask(
                    "shard",
                    ctx -> {
                      int n = ctx.arg("n", Integer.class);
                      ctx.outletEvents(SHARDS).add(Asset.of("s3://studio/emoji/part-" + n));
                      return n;
                    },
                    "n"))
            .expand(Kwargs.of("n", List.of(1, 2)));
    shard.outlets(SHARDS);
    export.then(shard);

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals("success", result.state());
    assertEquals(
        List.of(
            new OutletEvent(
                "s3://studio/emoji/labels", Map.of(), "producer", "manual__1", "export", -1),
            new OutletEvent(
                DAY,
                Map.of("rows", 7),
                "producer",
                "manual__1",
                "export",
                -1,
                List.of("emoji_exports", "emoji_shards")),
            new OutletEvent(
                "s3://studio/emoji/part-0",
                Map.of(),
                "producer",
                "manual__1",
                "export",
                -1,
                List.of("emoji_shards"))),
        datasets.events.subList(0, 3));
    assertEquals(
        List.of(
            new OutletEvent(
                "s3://studio/emoji/part-1",
                Map.of(),
                "producer",
                "manual__1",
                "shard",
                0,
                List.of("emoji_shards")),
            new OutletEvent(
                "s3://studio/emoji/part-2",
                Map.of(),
                "producer",
                "manual__1",
                "shard",
                1,
                List.of("emoji_shards"))),
        datasets.events.subList(3, 5).stream()
            .sorted((x, y) -> Integer.compare(x.sourceMapIndex(), y.sourceMapIndex()))
            .toList());
    assertEquals(5, datasets.events.size());
  }

  /**
   *
   *
   * <pre>
   *   stray (outlet emoji_exports; adds through emoji_shards)   broken (adds, then fails)
   *   aliasOnly (outlet emoji_exports; adds nothing)
   * </pre>
   */
  @Test
  void anAliasNotInTheOutletsFailsTheTask_andAFailedOrSilentTaskRecordsNothing(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("producer_failing");
    b.add(
            new FunctionTask(
                "stray",
                ctx -> {
                  ctx.outletEvents(SHARDS).add(Asset.of(DAY));
                  return null;
                }))
        .outlets(EXPORTS);
    b.add(
            new FunctionTask(
                "broken",
                ctx -> {
                  ctx.outletEvents(EXPORTS).add(Asset.of(DAY));
                  throw new TaskFailed("export failed");
                }))
        .outlets(EXPORTS);
    b.add(new FunctionTask("silent", ctx -> null)).outlets(EXPORTS);

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals(
        Map.of("stray", "failed", "broken", "failed", "silent", "success"), result.taskStates());
    assertEquals(List.of(), datasets.events);
    assertEquals(
        "IllegalArgumentException: outlet_events: AssetAlias(emoji_shards) is not an outlet of"
            + " task stray (alias outlets: [emoji_exports]); list it in the task's outlets to add"
            + " events through it",
        persistence.last("stray", -1).note());
  }
}
