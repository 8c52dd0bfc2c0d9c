package dev.atelier.workflows.temporal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.activities.TrialActivities;
import dev.atelier.workflows.activities.TrialHandle;
import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.activities.TrialRequest;
import dev.atelier.workflows.bench.SweepSim;
import dev.atelier.workflows.search.Evaluation;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The searching sweep's decision latency on a real {@code temporal server start-dev} (in memory),
 * with a worker in this process and a fake trial activity that reports to the sweep as the real
 * {@code awaitTrial} does (a {@code SweepWorkflow.report} signal per evaluation). It records, in
 * wall time: from sending the report that condemns a trial to that trial's {@code stopTrial} call
 * (signal → sweep workflow task → signal to the trial workflow → its workflow task → the activity),
 * and from a trial's {@code awaitTrial} returning to the next trial's {@code launchTrial} (the
 * trial workflow ends → the sweep asks the sampler → a child workflow starts → its launch
 * activity). Then the sweep's history: events, and events per report. A warm-up sweep runs first
 * and is not recorded. The search is {@link SweepSim}'s. Lives in this package for the test fakes
 * (persistence, tracking, operators); named *Bench so surefire does not run it.
 *
 * <p>Usage: {@code SweepLatencyBench temporal-binary out.json trials parallel msPerEvaluation}
 */
public final class SweepLatencyBench {
  private SweepLatencyBench() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUNG = Pattern.compile("at rung (\\d+)");

  /** The trainer stand-in: one evaluation every {@code millisPerEvaluation}, each a signal. */
  static final class TimedTrials implements TrialActivities {
    final long millisPerEvaluation;
    volatile WorkflowClient client;
    final Map<Integer, Map<String, Object>> params = new ConcurrentHashMap<>();
    final Map<Integer, Long> launchedAt = new ConcurrentHashMap<>();
    final Map<Integer, Long> endedAt = new ConcurrentHashMap<>();
    final Map<Integer, Long> stoppedAt = new ConcurrentHashMap<>();
    final Map<Integer, String> stopDetail = new ConcurrentHashMap<>();
    final Map<Integer, Map<Long, Long>> reportedAt = new ConcurrentHashMap<>();

    TimedTrials(long millisPerEvaluation) {
      this.millisPerEvaluation = millisPerEvaluation;
    }

    @Override
    public TrialHandle launchTrial(TrialRequest request) {
      int i = request.mapIndex();
      launchedAt.putIfAbsent(i, System.nanoTime());
      params.put(i, request.hyperparams());
      return new TrialHandle(
          "job-" + i, "run-" + i, "/work/" + i, i, null, request.sweepWorkflowId());
    }

    @Override
    public TrialOutcome awaitTrial(TrialHandle handle) {
      int i = handle.mapIndex();
      Map<String, Object> p = params.get(i);
      Map<Long, Long> sent = reportedAt.computeIfAbsent(i, k -> new ConcurrentHashMap<>());
      SweepWorkflow sweep = client.newWorkflowStub(SweepWorkflow.class, handle.sweepWorkflowId());
      long step = 0;
      try {
        while (step < SweepSim.STEPS) {
          // Waits in slices so a stopped trial ends promptly, as the trainer does at its next step.
          long until = System.nanoTime() + millisPerEvaluation * 1_000_000;
          while (System.nanoTime() < until && !stoppedAt.containsKey(i)) {
            Thread.sleep(5);
          }
          if (stoppedAt.containsKey(i)) {
            return new TrialOutcome(i, "run-" + i, "PRUNED", 4, stopDetail.get(i), Map.of(), step);
          }
          step += SweepSim.EVERY;
          io.temporal.activity.Activity.getExecutionContext().heartbeat(step);
          sent.put(step, System.nanoTime());
          sweep.report(
              new TrialReport(i, List.of(new Evaluation(step, SweepSim.metrics(p, step)))));
        }
        return new TrialOutcome(
            i, "run-" + i, "SUCCEEDED", 0, "", SweepSim.metrics(p, step), SweepSim.STEPS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        endedAt.put(i, System.nanoTime());
      }
    }

    @Override
    public void stopTrial(TrialHandle handle, String reason, String detail) {
      stopDetail.putIfAbsent(handle.mapIndex(), reason + ": " + detail);
      stoppedAt.putIfAbsent(handle.mapIndex(), System.nanoTime());
    }

    @Override
    public void cancelTrial(TrialHandle handle) {
      stoppedAt.putIfAbsent(handle.mapIndex(), System.nanoTime());
    }
  }

  public static void main(String[] args) throws Exception {
    Path temporal = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int trials = Integer.parseInt(args[2]);
    int parallel = Integer.parseInt(args[3]);
    long millis = Long.parseLong(args[4]);
    int port = TemporalDevServer.freePort();
    Process server =
        new ProcessBuilder(
                temporal.toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--headless",
                "--log-level",
                "error")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    WorkflowServiceStubs service = null;
    WorkerFactory workers = null;
    try {
      service = TemporalDevServer.connect(port);
      WorkflowClient client = WorkflowClient.newInstance(service);
      TimedTrials warm = new TimedTrials(millis);
      workers = startWorker(client, warm, "warm-up");
      System.err.println("warm-up sweep: 9 trials");
      sweep(client, "dagrun:bench:warmup:train", "warmup", "warm-up", 9, parallel);
      workers.shutdownNow();
      TimedTrials timed = new TimedTrials(millis);
      workers = startWorker(client, timed, "latency");
      System.err.println("timed sweep: " + trials + " trials, " + parallel + " at once");
      String id = "dagrun:bench:manual__1:train";
      long t0 = System.nanoTime();
      List<TrialOutcome> outcomes = sweep(client, id, "manual__1", "latency", trials, parallel);
      double wallS = (System.nanoTime() - t0) / 1e9;
      List<HistoryEvent> events = client.fetchHistory(id).getEvents();
      Map<String, List<HistoryEvent>> children = new HashMap<>();
      int childEvents = 0;
      for (int i = 0; i < outcomes.size(); i++) {
        List<HistoryEvent> h = client.fetchHistory(id + ":" + i).getEvents();
        children.put(id + ":" + i, h);
        childEvents += h.size();
      }
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
        String json = result(timed, outcomes, events, trials, parallel, millis, wallS);
        w.println(
            json.substring(0, json.length() - 1)
                + ",\"history_bytes\":"
                + events.stream().mapToLong(HistoryEvent::getSerializedSize).sum()
                + ",\"trial_history_events\":"
                + childEvents
                + ",\"event_types\":"
                + JSON.writeValueAsString(SweepHistoryPaths.eventTypes(events))
                + ",\"prune_hops_ms\":"
                + JSON.writeValueAsString(SweepHistoryPaths.prune(events, children))
                + ",\"refill_hops_ms\":"
                + JSON.writeValueAsString(SweepHistoryPaths.refill(events, children))
                + "}");
      }
    } finally {
      if (workers != null) {
        workers.shutdownNow();
      }
      if (service != null) {
        service.shutdownNow();
      }
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static List<TrialOutcome> sweep(
      WorkflowClient client, String id, String runId, String queue, int trials, int parallel) {
    SweepWorkflow sweep =
        client.newWorkflowStub(
            SweepWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(queue).build());
    return sweep.run(
        new SweepInput(
            "bench",
            runId,
            "train",
            List.of(),
            Map.of("path", "/data/emoji"),
            1234,
            0,
            parallel,
            2,
            Map.of(),
            null,
            1,
            1,
            Map.of(),
            null,
            Runs.LOGICAL_DATE,
            SweepSim.spec(trials, parallel, 7),
            Map.of("model", "dcgan32", "steps", SweepSim.STEPS)));
  }

  private static String result(
      TimedTrials t,
      List<TrialOutcome> outcomes,
      List<HistoryEvent> events,
      int trials,
      int parallel,
      long millis,
      double wallS) {
    List<String> prune = new ArrayList<>();
    for (var e : t.stoppedAt.entrySet()) {
      int i = e.getKey();
      Matcher m = RUNG.matcher(t.stopDetail.getOrDefault(i, ""));
      Map<Long, Long> sent = t.reportedAt.getOrDefault(i, Map.of());
      // The report that crossed the rung condemned the trial; without a rung (a stop rule), the
      // last report sent before the stop.
      long rung = m.find() ? Long.parseLong(m.group(1)) : -1;
      Long from = null;
      long fromStep = Long.MAX_VALUE;
      for (var r : sent.entrySet()) {
        boolean better =
            rung >= 0
                ? r.getKey() >= rung && r.getKey() < fromStep
                : r.getValue() <= e.getValue() && (from == null || r.getValue() > from);
        if (better) {
          from = r.getValue();
          fromStep = r.getKey();
        }
      }
      if (from != null) {
        prune.add(String.format("%.3f", (e.getValue() - from) / 1e6));
      }
    }
    List<Long> ends = new ArrayList<>(t.endedAt.values());
    List<Long> launches = new ArrayList<>(t.launchedAt.values());
    Collections.sort(ends);
    Collections.sort(launches);
    // The k-th trial to end frees the slot the (parallel + k)-th launch takes.
    List<String> refill = new ArrayList<>();
    for (int k = 0; parallel + k < launches.size() && k < ends.size(); k++) {
      refill.add(String.format("%.3f", (launches.get(parallel + k) - ends.get(k)) / 1e6));
    }
    long signals =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
            .count();
    long tasks =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
            .count();
    int reports = t.reportedAt.values().stream().mapToInt(Map::size).sum();
    long pruned = outcomes.stream().filter(o -> "PRUNED".equals(o.status())).count();
    return String.format(
        "{\"trials\":%d,\"parallel\":%d,\"ms_per_evaluation\":%d,\"wall_s\":%.1f,\"pruned\":%d,"
            + "\"reports\":%d,\"history_events\":%d,\"signals\":%d,\"workflow_tasks\":%d,"
            + "\"prune_ms\":[%s],\"refill_ms\":[%s]}",
        trials,
        parallel,
        millis,
        wallS,
        pruned,
        reports,
        events.size(),
        signals,
        tasks,
        String.join(",", prune),
        String.join(",", refill));
  }

  private static WorkerFactory startWorker(
      WorkflowClient client, TimedTrials trials, String queue) {
    trials.client = client;
    WorkerFactory factory = WorkerFactory.newInstance(client);
    var worker = factory.newWorker(queue);
    worker.registerWorkflowImplementationTypes(AtelierWorkflows.implementations());
    worker.registerActivitiesImplementations(
        new RecordingPersistence(), new FakeTracking(), new FakeOperators(), trials);
    factory.start();
    return factory;
  }
}
