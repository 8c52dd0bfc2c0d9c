package dev.atelier.ui.service;

import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.SweepRepository;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.ui.repository.TaskInstanceRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Sweeps (Dag runs with trials) and their trials, joined from PostgreSQL and MLflow. */
@ApplicationScoped
public class SweepService {
  private static final Logger LOG = Logger.getLogger(SweepService.class);
  static final String LOSS_G = "loss_g";

  private final SweepRepository sweeps;
  private final DagRunRepository runs;
  private final TaskInstanceRepository tasks;
  private final MlflowRuns mlflow;

  SweepService(
      SweepRepository sweeps,
      DagRunRepository runs,
      TaskInstanceRepository tasks,
      MlflowRuns mlflow) {
    this.sweeps = sweeps;
    this.runs = runs;
    this.tasks = tasks;
    this.mlflow = mlflow;
  }

  public List<SweepView> recent(int limit) {
    return sweeps.recent(limit).stream()
        .map(
            s ->
                new SweepView(
                    s.run().dagId(),
                    s.run().runId(),
                    s.run().state(),
                    s.run().logicalDateOrRunAfter(),
                    s.run().startDate(),
                    s.run().endDate(),
                    s.trialCount(),
                    s.doneCount(),
                    s.run().conf()))
        .toList();
  }

  /** Empty when the Dag run does not exist; an empty list while no trial has been scheduled. */
  public Optional<List<TrialView>> trials(String dagId, String runId) {
    if (runs.find(dagId, runId).isEmpty()) {
      return Optional.empty();
    }
    List<TrialView> out = new ArrayList<>();
    for (TaskInstanceRow ti : tasks.mapped(dagId, runId)) {
      out.add(trial(ti));
    }
    return Optional.of(out);
  }

  private TrialView trial(TaskInstanceRow ti) {
    if (ti.mlflowRunId() == null) {
      return view(ti, null, null, List.of(), null);
    }
    try {
      Optional<RunView> run = mlflow.run(ti.mlflowRunId());
      if (run.isEmpty()) {
        return view(ti, null, null, List.of(), "MLflow has no run " + ti.mlflowRunId());
      }
      List<Long> sampleSteps = new ArrayList<>();
      for (String path : mlflow.listArtifacts(ti.mlflowRunId(), "samples")) {
        ArtifactPaths.sampleStep(path).ifPresent(sampleSteps::add);
      }
      sampleSteps.sort(null);
      MetricPoint lossG = run.get().latestMetrics().get(LOSS_G);
      return view(ti, run.get(), lossG == null ? null : lossG.step(), sampleSteps, null);
    } catch (RuntimeException e) {
      LOG.warnf("Trial %s/%d: MLflow unreadable: %s", ti.runId(), ti.mapIndex(), e.getMessage());
      return view(ti, null, null, List.of(), "MLflow unreachable: " + e.getMessage());
    }
  }

  private static TrialView view(
      TaskInstanceRow ti, RunView run, Long lastStep, List<Long> sampleSteps, String error) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (run != null) {
      run.latestMetrics().forEach((k, v) -> metrics.put(k, v.value()));
    }
    String reason = run == null ? null : run.tag("atelier.reason");
    return new TrialView(
        ti.taskId(),
        ti.mapIndex(),
        ti.state(),
        ti.tryNumber(),
        ti.startDate(),
        ti.endDate(),
        ti.mlflowRunId(),
        run == null ? null : run.status(),
        run == null ? null : run.tag("atelier.status"),
        reason != null ? reason : ti.note(),
        run == null ? null : run.tag(AtelierTags.STOP_REASON),
        run == null ? null : run.tag(AtelierTags.STOP_DETAIL),
        ti.note() != null ? ti.note() : reason,
        run == null ? Map.of() : run.params(),
        lastStep,
        run == null ? null : parseLong(run.params().get("steps")),
        sampleSteps,
        metrics,
        error,
        RegisteredModels.forRun(run));
  }

  private static Long parseLong(String value) {
    try {
      return value == null ? null : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
