package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.workflows.dags.EmojiDcganSweep;
import dev.atelier.workflows.dsl.Dag;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays stored histories of one demo run (the Dag run, its sweep and one trial) against today's
 * workflow code, so a change that would break runs in flight fails the build. Two recordings: one
 * made before the {@code bookkeeping-batch} change (one ordinary activity per state write) and one
 * since (local activities, batched writes), so runs started under either replay. After an intended
 * incompatible change, record new histories with {@code -Datelier.recordHistories=true} (it writes
 * the {@code -batched} files; version the change with {@code Workflow.getVersion} if old runs may
 * still be open, and keep the old files).
 */
class DemoRunReplayTest {
  static final String DIR = "histories/";
  static final String DAG_RUN = "emoji_dcgan_sweep-dagrun.json";
  static final String SWEEP = "emoji_dcgan_sweep-sweep.json";
  static final String TRIAL = "emoji_dcgan_sweep-trial0.json";
  static final String DAG_RUN_BATCHED = "emoji_dcgan_sweep-dagrun-batched.json";
  static final String SWEEP_BATCHED = "emoji_dcgan_sweep-sweep-batched.json";
  static final String TRIAL_BATCHED = "emoji_dcgan_sweep-trial0-batched.json";

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  static final String WORKFLOW_ID = "dagrun:emoji_dcgan_sweep:manual__2026-11-21T10:00:00";

  @Test
  void theRecordedDagRunReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(DAG_RUN, WORKFLOW_ID), DagRunWorkflowImpl.class);
  }

  @Test
  void theRecordedSweepReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(SWEEP, WORKFLOW_ID + ":train"), SweepWorkflowImpl.class);
  }

  @Test
  void theRecordedTrialReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(TRIAL, WORKFLOW_ID + ":train:0"), TrialWorkflowImpl.class);
  }

  @Test
  void theDagRunRecordedWithBatchedBookkeepingReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(DAG_RUN_BATCHED, WORKFLOW_ID), DagRunWorkflowImpl.class);
  }

  @Test
  void theSweepRecordedWithBatchedBookkeepingReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(SWEEP_BATCHED, WORKFLOW_ID + ":train"), SweepWorkflowImpl.class);
  }

  @Test
  void theTrialRecordedWithBatchedBookkeepingReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(TRIAL_BATCHED, WORKFLOW_ID + ":train:0"), TrialWorkflowImpl.class);
  }

  /** Child workflow ids derive from the parent's id, so the replay must know the real one. */
  private static WorkflowExecutionHistory history(String file, String workflowId) throws Exception {
    try (var in = DemoRunReplayTest.class.getClassLoader().getResourceAsStream(DIR + file)) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return WorkflowExecutionHistory.fromJson(json, workflowId);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "atelier.recordHistories", matches = "true")
  void recordHistories(TestWorkflowEnvironment env, Worker worker, WorkflowClient client)
      throws Exception {
    worker.registerActivitiesImplementations(
        new RecordingPersistence(), new FakeTracking(), new FakeOperators(), new FakeTrials());
    env.start();
    Dag dag = new EmojiDcganSweep("/data/emoji").define();
    String runId = "manual__2026-11-21T10:00:00";
    String id = AtelierWorkflows.workflowId(dag.dagId(), runId);
    assertEquals(WORKFLOW_ID, id);
    DagRunWorkflow wf =
        client.newWorkflowStub(
            DagRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    DagRunResult result =
        wf.run(
            new DagRunInput(
                dag.dagId(),
                runId,
                "2026-11-21T10:00:00Z",
                dag.params().resolve(Map.of()),
                dag.toSpec()));
    assertEquals("success", result.state());
    Path dir = Path.of("src/test/resources", DIR);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(DAG_RUN_BATCHED), client.fetchHistory(id).toJson(true));
    Files.writeString(dir.resolve(SWEEP_BATCHED), client.fetchHistory(id + ":train").toJson(true));
    Files.writeString(
        dir.resolve(TRIAL_BATCHED), client.fetchHistory(id + ":train:0").toJson(true));
  }
}
