package dev.atelier.bench.engine;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.temporal.DagRunResult;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Triggers {@code bench_trigger} again and again, one run at a time, and times each from the
 * trigger call to its first task function starting. Warm-up runs (a fresh JVM loads classes and
 * compiles hot code on the first few) are reported apart.
 */
final class LatencyScenario {
  private final Trigger trigger;
  private final WorkflowClient client;
  private final BenchDatabase db;

  LatencyScenario(Trigger trigger, WorkflowClient client, BenchDatabase db) {
    this.trigger = trigger;
    this.client = client;
    this.db = db;
  }

  Map<String, Object> run(Dag dag, int warmup, int runs, String tag) throws Exception {
    List<Double> ack = new ArrayList<>();
    List<Double> first = new ArrayList<>();
    List<Double> recorded = new ArrayList<>();
    List<Double> done = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < warmup + runs; i++) {
      String runId = "manual__bench_" + tag + "_" + i;
      long wall0 = System.currentTimeMillis();
      long t0 = System.nanoTime();
      String workflowId = trigger.trigger(dag, runId);
      long tAck = System.nanoTime();
      DagRunResult result =
          client
              .newUntypedWorkflowStub(workflowId)
              .getResult(5, TimeUnit.MINUTES, DagRunResult.class);
      long tDone = System.nanoTime();
      if (!"success".equals(result.state())) {
        throw new IllegalStateException(runId + " ended " + result);
      }
      double firstMs = (Probe.firstCall(runId) - t0) / 1e6;
      if (i < warmup) {
        warm.add(firstMs);
        continue;
      }
      ack.add((tAck - t0) / 1e6);
      first.add(firstMs);
      Instant start = db.taskStart(dag.dagId(), runId, "first");
      recorded.add((double) (start.toEpochMilli() - wall0));
      done.add((tDone - t0) / 1e6);
      Thread.sleep(100);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dag_id", dag.dagId());
    out.put("runs", runs);
    out.put("warmup_first_task_ms", warm);
    out.put("trigger_returned_ms", Stats.of(ack));
    out.put("first_task_called_ms", Stats.of(first));
    out.put("first_task_start_date_ms", Stats.of(recorded));
    out.put("run_finished_ms", Stats.of(done));
    out.put("first_task_called_ms_all", first);
    return out;
  }
}
