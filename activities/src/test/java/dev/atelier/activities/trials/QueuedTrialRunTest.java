package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.atelier.activities.Services;
import dev.atelier.activities.functions.TaskFunctionActivitiesImpl;
import dev.atelier.activities.jobs.JobId;
import dev.atelier.activities.jobs.JobLauncher;
import dev.atelier.activities.jobs.JobRequest;
import dev.atelier.activities.jobs.JobState;
import dev.atelier.activities.mlflow.TrackingActivitiesImpl;
import dev.atelier.activities.persistence.PersistenceActivitiesImpl;
import dev.atelier.activities.persistence.TryPhaseWriter;
import dev.atelier.activities.persistence.TryPhases;
import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Kwargs;
import dev.atelier.workflows.dsl.TaskFunctionRegistry;
import dev.atelier.workflows.dsl.TrainOperator;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import dev.atelier.workflows.temporal.DagRunInput;
import dev.atelier.workflows.temporal.DagRunResult;
import dev.atelier.workflows.temporal.DagRunWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial whose Job waits for Kueue, runs, is evicted, waits again and succeeds, as its task
 * instance shows it: the Dag run's workflows on Temporal's time-skipping test server, the real
 * trial activity and bookkeeping against PostgreSQL and MLflow, and only the Job's life scripted.
 * Every write that reaches the row is logged in the order it landed, the workflow's and the wait's
 * alike.
 *
 * <pre>
 *   dataset ──▶ train[0]:  QUEUED (no quota) ─▶ RUNNING ─▶ QUEUED (evicted) ─▶ RUNNING ─▶ SUCCEEDED
 * </pre>
 */
class QueuedTrialRunTest {
  private static final String NO_QUOTA =
      "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in"
          + " flavor gpu, 1 more needed";
  private static final String EVICTED =
      "evicted: Preempted to accommodate a higher priority Workload";
  private static final String RUN_ID = "manual__2026-11-23T09:00:00+00:00";

  @TempDir Path workDir;

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final DataSource db = Services.migratedDatabase();
  private final String dagId = "test_queued_" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> landed = new CopyOnWriteArrayList<>();

  @BeforeEach
  void registerDag() throws SQLException {
    execute("insert into dag (dag_id, definition) values (?, '{}'::jsonb)");
  }

  @AfterEach
  void close() throws SQLException {
    env.close();
    execute("delete from dag_run where dag_id = ?");
    execute("delete from dag where dag_id = ?");
  }

  /** The Job's life, one state per poll, the same for every launch. */
  private static final class ScriptedJobs implements JobLauncher {
    private final Deque<JobState> script;

    ScriptedJobs(List<JobState> states) {
      this.script = new ArrayDeque<>(states);
    }

    @Override
    public JobId launch(JobRequest request) {
      return new JobId(request.name());
    }

    @Override
    public synchronized JobState state(JobId id) {
      return script.size() > 1 ? script.poll() : script.peek();
    }

    @Override
    public void delete(JobId id) {}

    @Override
    public String logs(JobId id, int lines) {
      return "";
    }

    @Override
    public JobState awaitCompletion(JobId id, Duration pollEvery, Consumer<JobState> betweenPolls) {
      while (true) {
        JobState s = state(id);
        if (s.ended()) {
          return s;
        }
        betweenPolls.accept(s);
      }
    }
  }

  @Test
  void aTrialQueuedRunningEvictedAndSucceeding_showsEachStateInOrderAndEndsSuccess()
      throws Exception {
    ScriptedJobs jobs =
        new ScriptedJobs(
            List.of(
                JobState.queued(NO_QUOTA),
                JobState.queued(NO_QUOTA),
                JobState.pending("ContainerCreating"),
                JobState.running(),
                JobState.running(),
                JobState.queued(EVICTED),
                JobState.queued(EVICTED),
                JobState.running(),
                JobState.succeeded()));

    DagRunResult result = run(jobs);

    assertEquals("success", result.taskStates().get("train[0]"));
    assertEquals(
        List.of(
            "scheduled",
            "running",
            "running",
            "queued (" + NO_QUOTA + ")",
            "running",
            "queued (" + EVICTED + ")",
            "running",
            "success"),
        landed);
    Map<String, Object> row = trialRow();
    assertEquals("success", row.get("state"));
    assertEquals(1, row.get("try_number"));
    assertNull(row.get("note"), "Kueue's reason went with the queue");
  }

  private DagRunResult run(JobLauncher jobs) {
    PersistenceActivitiesImpl workflowWrites = new PersistenceActivitiesImpl(db);
    TryPhaseWriter phaseWrites = new TryPhaseWriter(db);
    PersistenceActivities bookkeeping =
        new PersistenceActivities() {
          @Override
          public void recordTaskInstance(TaskInstanceRecord r) {
            workflowWrites.recordTaskInstance(r);
            landed(r);
          }

          @Override
          public void recordTaskInstances(List<TaskInstanceRecord> records) {
            workflowWrites.recordTaskInstances(records);
            records.forEach(this::landed);
          }

          @Override
          public void recordDagRunState(String dag, String run, String state, long atMillis) {
            workflowWrites.recordDagRunState(dag, run, state, atMillis);
          }

          private void landed(TaskInstanceRecord r) {
            if (r.taskId().equals("train")) {
              landed.add(r.state());
            }
          }
        };
    TryPhases phases =
        (instance, state, note) -> {
          boolean took = phaseWrites.record(instance, state, note);
          if (took) {
            landed.add(note == null ? state : state + " (" + note + ")");
          }
          return took;
        };
    Dag dag = dag();
    Worker worker = env.newWorker(AtelierWorkflows.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AtelierWorkflows.implementations());
    worker.registerActivitiesImplementations(
        bookkeeping,
        new TaskFunctionActivitiesImpl(TaskFunctionRegistry.of(List.of(dag))),
        new TrackingActivitiesImpl(Services.mlflow()),
        new TrialActivitiesImpl(
            Services.mlflow(),
            jobs,
            TrialJobSettings.local(List.of("java", "dev.atelier.trainers.TrainerMain"), Map.of()),
            workDir,
            Services.env("ATELIER_MLFLOW_URI"),
            OptionalInt.empty(),
            Duration.ofMillis(20),
            phases));
    env.start();
    DagRunWorkflow run =
        env.getWorkflowClient()
            .newWorkflowStub(
                DagRunWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(AtelierWorkflows.TASK_QUEUE)
                    .setWorkflowId(AtelierWorkflows.workflowId(dagId, RUN_ID))
                    .build());
    WorkflowClient.start(
        run::run, new DagRunInput(dagId, RUN_ID, "2026-11-23T09:00:00Z", Map.of(), dag.toSpec()));
    return WorkflowStub.fromTyped(run).getResult(DagRunResult.class);
  }

  private Dag dag() {
    DagBuilder b = Dag.builder(dagId);
    var dataset =
        b.add(new FunctionTask("dataset", ctx -> Map.of("path", "/data/emoji", "version", "v1")));
    var train =
        b.add(
            TrainOperator.partial(
                    "train", Kwargs.of("steps", 5, "image_size", 32, "latent_dim", 64))
                .expand(Kwargs.of("lr", List.of(1e-4))));
    dataset.then(train);
    return b.build();
  }

  private Map<String, Object> trialRow() throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select state, try_number, note from task_instance"
                    + " where dag_id = ? and task_id = 'train' and map_index = 0")) {
      s.setString(1, dagId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no task instance train[0] of " + dagId);
        }
        Map<String, Object> row = new HashMap<>();
        row.put("state", rs.getString(1));
        row.put("try_number", rs.getInt(2));
        row.put("note", rs.getString(3));
        return row;
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, dagId);
      s.executeUpdate();
    }
  }
}
