package dev.atelier.workflows.dags;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.workflows.temporal.AtelierWorkflows;
import dev.atelier.workflows.temporal.DagRunWorkflowImpl;
import dev.atelier.workflows.temporal.MappedTaskWorkflowImpl;
import dev.atelier.workflows.temporal.PoolWorkflow;
import dev.atelier.workflows.temporal.PoolWorkflowImpl;
import io.temporal.client.WorkflowClient;
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
 * Replays stored histories of one run of the README's example (the Dag run with functions, a
 * short-circuit, a branch and a task group; one MappedTaskWorkflow chunk; the gpu pool's workflow)
 * against today's code, so a change that would break runs in flight fails the build. The Dag run
 * and the chunk are stored twice: recorded before the {@code bookkeeping-batch} change (one
 * ordinary activity per state write) and since (local activities, batched writes). Re-record with
 * {@code -Dtest=NightlyRetrainReplayTest -Datelier.recordHistories=true} (it writes the {@code
 * -batched} files and the pool's).
 */
class NightlyRetrainReplayTest {
  static final String DIR = "histories/";
  static final String DAG_RUN = "nightly_retrain-dagrun.json";
  static final String CHUNK = "nightly_retrain-clean_shard-map0.json";
  static final String POOL = "nightly_retrain-pool-gpu.json";
  static final String DAG_RUN_BATCHED = "nightly_retrain-dagrun-batched.json";
  static final String CHUNK_BATCHED = "nightly_retrain-clean_shard-map0-batched.json";
  static final String RUN =
      AtelierWorkflows.workflowId(NightlyRetrain.DAG_ID, NightlyRetrainRunTest.RUN_ID);
  static final String CHUNK_ID = RUN + ":prepare.clean_shard:map0";

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  @Test
  void theRecordedDagRunReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(DAG_RUN, RUN), DagRunWorkflowImpl.class);
  }

  @Test
  void theRecordedMappedChunkReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(CHUNK, CHUNK_ID), MappedTaskWorkflowImpl.class);
  }

  @Test
  void theDagRunRecordedWithBatchedBookkeepingReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(DAG_RUN_BATCHED, RUN), DagRunWorkflowImpl.class);
  }

  @Test
  void theChunkRecordedWithBatchedBookkeepingReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(CHUNK_BATCHED, CHUNK_ID), MappedTaskWorkflowImpl.class);
  }

  @Test
  void theRecordedPoolReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history(POOL, PoolWorkflow.workflowId("gpu")), PoolWorkflowImpl.class);
  }

  private static WorkflowExecutionHistory history(String file, String workflowId) throws Exception {
    try (var in = NightlyRetrainReplayTest.class.getClassLoader().getResourceAsStream(DIR + file)) {
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), workflowId);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "atelier.recordHistories", matches = "true")
  void recordHistories(TestWorkflowEnvironment env, Worker worker, WorkflowClient client)
      throws Exception {
    assertEquals("success", NightlyRetrainRunTest.run(env, worker, client, Map.of()).state());
    Path dir = Path.of("src/test/resources", DIR);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(DAG_RUN_BATCHED), client.fetchHistory(RUN).toJson(true));
    Files.writeString(dir.resolve(CHUNK_BATCHED), client.fetchHistory(CHUNK_ID).toJson(true));
    Files.writeString(
        dir.resolve(POOL), client.fetchHistory(PoolWorkflow.workflowId("gpu")).toJson(true));
  }
}
