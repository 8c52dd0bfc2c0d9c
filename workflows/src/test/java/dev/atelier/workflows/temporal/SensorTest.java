package dev.atelier.workflows.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.activities.DatasetPoke;
import dev.atelier.workflows.activities.ExternalTaskPoke;
import dev.atelier.workflows.activities.PokeResult;
import dev.atelier.workflows.activities.SensorActivities;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.DagBuilder;
import dev.atelier.workflows.dsl.DatasetSensor;
import dev.atelier.workflows.dsl.EmptyOperator;
import dev.atelier.workflows.dsl.ExternalTaskSensor;
import dev.atelier.workflows.dsl.FunctionSensor;
import dev.atelier.workflows.dsl.FunctionTask;
import dev.atelier.workflows.dsl.Task;
import dev.atelier.workflows.dsl.TimeDeltaSensor;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sensors in poke and reschedule mode, their timeouts and soft_fail, on workflow time: every wait
 * between pokes is a durable timer the test server skips.
 */
class SensorTest {
  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(AtelierWorkflows.implementations())
          .setDoNotStart(true)
          .build();

  private final RecordingPersistence persistence = new RecordingPersistence();
  private final SensorActivities pokes =
      mock(SensorActivities.class, withSettings().withoutAnnotations());
  private final List<Long> pokedAt = new CopyOnWriteArrayList<>();

  private DagRunResult run(
      TestWorkflowEnvironment env,
      Worker worker,
      WorkflowClient client,
      Dag dag,
      String dataStart,
      String dataEnd) {
    worker.registerActivitiesImplementations(
        persistence, pokes, new FunctionRunner(dag), new TestPools(Map.of("gpu", 1)));
    env.start();
    DagRunInput in = Runs.input(dag, "manual__1", Map.of(), null);
    return Runs.stub(client, worker, dag, "manual__1")
        .run(
            new DagRunInput(
                in.dagId(),
                in.runId(),
                in.logicalDate(),
                in.params(),
                in.dag(),
                in.conf(),
                dataStart,
                dataEnd,
                null,
                null));
  }

  private DagRunResult run(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Dag dag) {
    return run(env, worker, client, dag, "2026-11-20T10:00:00Z", Runs.LOGICAL_DATE);
  }

  /** A function sensor that is done on its third poke, recording when each poke happened. */
  private FunctionSensor thirdTimeLucky(TestWorkflowEnvironment env) {
    AtomicInteger pokesSoFar = new AtomicInteger();
    return new FunctionSensor(
        "wait_for_gpu",
        ctx -> {
          pokedAt.add(env.currentTimeMillis());
          return pokesSoFar.incrementAndGet() < 3 ? false : Map.of("gpu", "A100");
        });
  }

  private void assertPokeWaits(long seconds) {
    for (int i = 1; i < pokedAt.size(); i++) {
      long waited = pokedAt.get(i) - pokedAt.get(i - 1);
      assertTrue(
          waited >= seconds * 1000 && waited < seconds * 1000 + 5_000,
          "poke " + (i + 1) + " came " + waited + " ms after the last");
    }
  }

  /**
   *
   *
   * <pre>  wait_for_gpu (poke mode, poke_interval 30 s): false, false, {gpu: A100}  </pre>
   */
  @Test
  void aPokingSensorStaysRunningAndPokesEveryInterval(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
    DagBuilder b = Dag.builder("poking");
    b.add(thirdTimeLucky(env)).pokeInterval(Duration.ofSeconds(30));

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals(Map.of("wait_for_gpu", "success"), result.taskStates());
    assertEquals(3, pokedAt.size());
    assertPokeWaits(30);
    assertEquals(
        List.of("scheduled", "queued", "running", "success"),
        persistence.statesOf("wait_for_gpu", -1));
    assertEquals(
        Map.of("gpu", "A100"),
        new ObjectMapper().readValue(persistence.last("wait_for_gpu", -1).xcomJson(), Map.class));
  }

  /**
   *
   *
   * <pre>  wait_for_gpu (reschedule mode, poke_interval 30 s): false, false, {gpu: A100}  </pre>
   */
  @Test
  void aReschedulingSensorShowsUpForRescheduleBetweenPokes(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("rescheduling");
    b.add(thirdTimeLucky(env)).mode("reschedule").pokeInterval(Duration.ofSeconds(30));

    run(env, worker, client, b.build());

    assertPokeWaits(30);
    assertEquals(
        List.of(
            "scheduled",
            "queued",
            "running",
            "up_for_reschedule",
            "queued",
            "running",
            "up_for_reschedule",
            "queued",
            "running",
            "success"),
        persistence.statesOf("wait_for_gpu", -1));
  }

  /**
   *
   *
   * <pre>
   *   waiter (reschedule, pool gpu, priority 10): done once "worker" has run
   *   worker (pool gpu, priority 1)                                     gpu = 1 slot
   * </pre>
   */
  @Test
  void aReschedulingSensorGivesItsPoolSlotBackWhileItWaits(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    AtomicBoolean workerRan = new AtomicBoolean();
    DagBuilder b = Dag.builder("slot_sharing");
    b.add(new FunctionSensor("waiter", ctx -> workerRan.get()))
        .mode("reschedule")
        .pokeInterval(Duration.ofSeconds(60))
        .pool("gpu")
        .priorityWeight(10);
    b.add(
            new FunctionTask(
                "worker",
                ctx -> {
                  workerRan.set(true);
                  return null;
                }))
        .pool("gpu");

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals(Map.of("waiter", "success", "worker", "success"), result.taskStates());
  }

  /**
   *
   *
   * <pre>
   *   never (timeout 5 min, soft_fail) ──▶ after
   *   never_hard (timeout 5 min, retries 2)
   * </pre>
   */
  @Test
  void aSensorPastItsTimeoutIsSkippedWithSoftFailElseFailsWithoutRetries(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    DagBuilder b = Dag.builder("timeouts");
    b.add(new FunctionSensor("never", ctx -> false))
        .timeout(Duration.ofMinutes(5))
        .softFail(true)
        .then(b.add(new EmptyOperator("after")));
    b.add(new FunctionSensor("never_hard", ctx -> null)).timeout(Duration.ofMinutes(5)).retries(2);

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals(
        Map.of("never", "skipped", "after", "skipped", "never_hard", "failed"),
        result.taskStates());
    assertEquals(1, persistence.last("never_hard", -1).tryNumber());
    assertEquals(
        "AirflowSensorTimeout: not done after 300 s (6 pokes; last: the function returned null)",
        persistence.last("never_hard", -1).note());
  }

  /**
   *
   *
   * <pre>  later (TimeDeltaSensor 2 h after data_interval_end, reschedule) ──▶ report  </pre>
   */
  @Test
  void aTimeDeltaSensorWaitsUntilTheIntervalEndPlusDelta(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    List<Long> reportedAt = new CopyOnWriteArrayList<>();
    DagBuilder b = Dag.builder("time_delta");
    Task later = b.add(new TimeDeltaSensor("later", Duration.ofHours(2))).mode("reschedule");
    later.then(
        b.add(
            new FunctionTask(
                "report",
                ctx -> {
                  reportedAt.add(env.currentTimeMillis());
                  return null;
                })));
    String intervalEnd = Instant.ofEpochMilli(env.currentTimeMillis()).toString();
    long target = env.currentTimeMillis() + Duration.ofHours(2).toMillis();

    DagRunResult result = run(env, worker, client, b.build(), intervalEnd, intervalEnd);

    assertEquals("success", result.state());
    assertTrue(reportedAt.get(0) >= target, "report ran before data_interval_end + 2 h");
    assertTrue(reportedAt.get(0) < target + 60_000, "report ran long after its time");
    assertEquals(
        List.of(
            "scheduled", "queued", "running", "up_for_reschedule", "queued", "running", "success"),
        persistence.statesOf("later", -1));
  }

  /**
   *
   *
   * <pre>
   *   upstream_done (ExternalTaskSensor: upstream_dag.publish, one day earlier)
   *   fresh_images (DatasetSensor: file:///data/emoji)
   * </pre>
   */
  @Test
  void externalTaskAndDatasetSensorsPokeThroughTheirActivities(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    when(pokes.pokeExternalTask(any()))
        .thenReturn(PokeResult.waiting("not yet"), PokeResult.done("published", null));
    when(pokes.pokeDataset(any())).thenReturn(PokeResult.done("event 7", Map.of("event_id", 7)));
    DagBuilder b = Dag.builder("watchers");
    b.add(new ExternalTaskSensor("upstream_done", "upstream_dag", "publish"))
        .executionDelta(Duration.ofDays(1))
        .pokeInterval(Duration.ofMinutes(1));
    b.add(new DatasetSensor("fresh_images", "file:///data/emoji"));

    DagRunResult result = run(env, worker, client, b.build());

    assertEquals(
        Map.of("upstream_done", "success", "fresh_images", "success"), result.taskStates());
    verify(pokes, times(2))
        .pokeExternalTask(
            new ExternalTaskPoke(
                "upstream_dag", "publish", "2026-11-20T10:00:00Z", List.of("success"), List.of()));
    verify(pokes).pokeDataset(new DatasetPoke("file:///data/emoji", "2026-11-20T10:00:00Z"));
    assertEquals("{\"event_id\":7}", persistence.last("fresh_images", -1).xcomJson());
  }
}
