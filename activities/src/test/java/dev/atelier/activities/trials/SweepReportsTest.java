package dev.atelier.activities.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.workflows.activities.TrialOutcome;
import dev.atelier.workflows.search.Evaluation;
import dev.atelier.workflows.temporal.SweepInput;
import dev.atelier.workflows.temporal.SweepState;
import dev.atelier.workflows.temporal.SweepWorkflow;
import dev.atelier.workflows.temporal.TrialReport;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A trial's report reaches its sweep as the typed {@code report} signal, through Temporal's own
 * payload conversion: a diverged trial's NaN arrives as NaN, not as an error that would lose the
 * report. The sweep here is a stand-in that returns what it heard.
 */
class SweepReportsTest {
  private static final String QUEUE = "sweep-reports-test";
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    env.close();
  }

  /** Returns each evaluation heard as an outcome: map index, step, metrics. */
  public static class ListeningSweep implements SweepWorkflow {
    private final List<TrialReport> heard = new ArrayList<>();

    @Override
    public List<TrialOutcome> run(SweepInput input) {
      Workflow.await(() -> heard.size() >= 2);
      List<TrialOutcome> out = new ArrayList<>();
      for (TrialReport r : heard) {
        for (Evaluation e : r.evaluations()) {
          out.add(new TrialOutcome(r.trialId(), "", "", 0, "", e.metrics(), e.step()));
        }
      }
      return out;
    }

    @Override
    public void report(TrialReport report) {
      heard.add(report);
    }

    @Override
    public int setMaxParallelTrials(int maxParallelTrials) {
      return maxParallelTrials;
    }

    @Override
    public void validateMaxParallelTrials(int maxParallelTrials) {}

    @Override
    public int addTrials(int count) {
      return count;
    }

    @Override
    public void validateAddTrials(int count) {}

    @Override
    public void stopSweep(String who) {}

    @Override
    public SweepState state() {
      return null;
    }

    @Override
    public void poolSlotGranted(String requestId) {}
  }

  @Test
  @Timeout(60) // a lost signal would leave the stand-in waiting for ever
  void send_twoReports_theSweepHearsBothInOrderWithNaNIntact() {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ListeningSweep.class);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    SweepWorkflow sweep =
        client.newWorkflowStub(
            SweepWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("sweep-1").build());
    WorkflowClient.start(sweep::run, (SweepInput) null);

    SweepReports reports = SweepReports.through(client);
    reports.send(
        "sweep-1", new TrialReport(2, List.of(new Evaluation(100, Map.of("fd_rgb8", 9.5)))));
    reports.send(
        "sweep-1",
        new TrialReport(
            2,
            List.of(
                new Evaluation(200, Map.of("fd_rgb8", 7.0)),
                new Evaluation(300, Map.of("loss_d_avg", Double.NaN)))));
    List<TrialOutcome> heard =
        List.of(client.newUntypedWorkflowStub("sweep-1").getResult(TrialOutcome[].class));

    assertEquals(List.of(100L, 200L, 300L), heard.stream().map(TrialOutcome::lastStep).toList());
    assertTrue(heard.stream().allMatch(o -> o.mapIndex() == 2));
    assertEquals(9.5, heard.get(0).metrics().get("fd_rgb8"));
    assertTrue(Double.isNaN(heard.get(2).metrics().get("loss_d_avg")), heard.get(2).toString());
  }

  @Test
  void through_noClient_sendsNothing() {
    assertEquals(SweepReports.NONE, SweepReports.through(null));
  }
}
