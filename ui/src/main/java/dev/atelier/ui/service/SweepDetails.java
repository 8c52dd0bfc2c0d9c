package dev.atelier.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.ui.repository.TaskInstanceRow;
import dev.atelier.workflows.temporal.SweepState;
import dev.atelier.workflows.temporal.SweepTrial;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Builds the sweep page's {@link SweepDetail}: the task instances from PostgreSQL, the sweep's
 * MLflow parent run (its {@code search.*} params and best-trial tags) and child runs (params, stop
 * tags, objective histories), and, while the workflow runs, its {@code state()} laid over them. Any
 * part that cannot be read is left out with a note; the answer itself never fails for it.
 */
@ApplicationScoped
public class SweepDetails {
  private static final Logger LOG = Logger.getLogger(SweepDetails.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TOP_GRIDS = 4;
  static final List<String> STATES = List.of("complete", "pruned", "failed", "running", "pending");

  private final DagRunRepository runs;
  private final TaskInstanceRepository tasks;
  private final MlflowRuns mlflow;
  private final SweepWorkflows workflows;

  SweepDetails(
      DagRunRepository runs,
      TaskInstanceRepository tasks,
      MlflowRuns mlflow,
      SweepWorkflows workflows) {
    this.runs = runs;
    this.tasks = tasks;
    this.mlflow = mlflow;
    this.workflows = workflows;
  }

  /** Empty when the Dag run does not exist or the task has no sweep in it. */
  public Optional<SweepDetail> detail(String dagId, String runId, String taskId) {
    Optional<DagRunRow> run = runs.find(dagId, runId);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    Map<Integer, TaskInstanceRow> instances = new TreeMap<>();
    for (TaskInstanceRow ti : tasks.list(dagId, runId)) {
      if (ti.taskId().equals(taskId) && ti.mapIndex() >= 0) {
        instances.put(ti.mapIndex(), ti);
      }
    }
    String workflowId = SweepWorkflows.workflowId(run.get().workflowId(), taskId);
    SweepWorkflows.Live live = workflows.state(workflowId);
    SweepState state = live.state();

    RunView parent = null;
    Map<Integer, RunView> children = new TreeMap<>();
    String mlflowError = null;
    try {
      parent = parentRun(dagId, runId, taskId).orElse(null);
      if (parent != null) {
        for (RunView child :
            mlflow.search(
                experiment(dagId),
                "tags.`" + AtelierTags.PARENT_RUN_ID + "` = " + MlflowRuns.quote(parent.runId()))) {
          Integer index = integer(child.tag(AtelierTags.MAP_INDEX));
          if (index != null) {
            children.put(index, child);
          }
        }
      }
      for (TaskInstanceRow ti : instances.values()) {
        if (ti.mlflowRunId() != null && !children.containsKey(ti.mapIndex())) {
          mlflow.run(ti.mlflowRunId()).ifPresent(r -> children.put(ti.mapIndex(), r));
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("Sweep %s: MLflow unreadable: %s", workflowId, e.getMessage());
      mlflowError = "MLflow unreachable: " + e.getMessage();
    }
    if (instances.isEmpty() && parent == null && children.isEmpty() && state == null) {
      return Optional.empty();
    }

    Map<String, String> search = parent == null ? Map.of() : parent.params();
    SweepObjective declared =
        SweepObjective.parse(search.get("search.objective"))
            .or(
                () ->
                    state == null || state.objective() == null
                        ? Optional.empty()
                        : SweepObjective.parse(state.objective() + " " + state.direction()))
            .orElse(null);
    Set<String> logged = new HashSet<>();
    children.values().forEach(r -> logged.addAll(r.latestMetrics().keySet()));
    SweepObjective objective =
        declared != null ? declared : SweepObjective.assumed(logged).orElse(null);
    boolean objectiveAssumed = declared == null && objective != null;
    Map<Integer, SweepTrial> liveTrials = new TreeMap<>();
    if (state != null && state.trials() != null) {
      state.trials().forEach(t -> liveTrials.put(t.id(), t));
    }
    TreeSet<Integer> indexes = new TreeSet<>(instances.keySet());
    indexes.addAll(children.keySet());
    indexes.addAll(liveTrials.keySet());
    List<SweepTrialView> trials = new ArrayList<>();
    for (int i : indexes) {
      trials.add(trial(i, instances.get(i), children.get(i), liveTrials.get(i), objective));
    }

    JsonNode space = json(search.get("search.space"));
    JsonNode budget = json(search.get("search.budget"));
    JsonNode stopping = json(search.get("search.early_stopping"));
    List<SweepAxis> axes =
        space.isArray() && space.size() > 0
            ? SweepAxis.fromSpace(space)
            : SweepAxis.fromTrials(trials);
    boolean searching = state != null || search.containsKey("search.algorithm");

    Map<String, Long> counts = new LinkedHashMap<>();
    STATES.forEach(s -> counts.put(s, 0L));
    trials.forEach(t -> counts.merge(t.state(), 1L, Long::sum));

    Integer bestTrial =
        state != null && state.bestTrial() != null
            ? state.bestTrial()
            : parent == null ? null : integer(parent.tag(AtelierTags.BEST_TRIAL));
    Double bestValue =
        state != null && state.bestValue() != null
            ? state.bestValue()
            : parent == null ? null : decimal(parent.tag(AtelierTags.BEST_VALUE));
    if (bestTrial == null && objective != null) {
      Optional<SweepTrialView> best =
          trials.stream()
              .filter(t -> t.objective() != null && !t.state().equals("failed"))
              .min(
                  Comparator.comparingDouble(
                      t -> objective.direction().equals("max") ? -t.objective() : t.objective()));
      bestTrial = best.map(SweepTrialView::mapIndex).orElse(null);
      bestValue = best.map(SweepTrialView::objective).orElse(null);
    }
    Integer chosen = bestTrial;
    String bestRunId =
        parent != null && parent.tag(AtelierTags.BEST_RUN_ID) != null
            ? parent.tag(AtelierTags.BEST_RUN_ID)
            : trials.stream()
                .filter(t -> chosen != null && t.mapIndex() == chosen)
                .map(SweepTrialView::mlflowRunId)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);

    Long maxSteps = positive(field(stopping, "maxSteps", "max_steps"));
    if (maxSteps == null) {
      maxSteps =
          trials.stream()
              .map(t -> Math.max(orZero(decimal(t.params().get("steps"))), orZero(t.lastStep())))
              .map(Double::longValue)
              .max(Long::compare)
              .filter(v -> v > 0)
              .orElse(null);
    }
    List<Long> rungs = SweepRungs.of(stopping, maxSteps);
    TopGrids top = objective == null ? TopGrids.NONE : topGrids(trials, objective);
    return Optional.of(
        new SweepDetail(
            dagId,
            runId,
            taskId,
            run.get().state(),
            workflowId,
            parent == null ? null : parent.runId(),
            state != null,
            live.note(),
            searching,
            state != null && !state.stopping(),
            state != null ? state.algorithm() : search.get("search.algorithm"),
            objective,
            objectiveAssumed,
            state != null
                ? Integer.valueOf(state.maxTrials())
                : ended(parent, AtelierTags.MAX_TRIALS, field(budget, "maxTrials", "max_trials")),
            state != null
                ? Integer.valueOf(state.maxParallelTrials())
                : ended(
                    parent,
                    AtelierTags.MAX_PARALLEL_TRIALS,
                    field(budget, "maxParallelTrials", "max_parallel_trials")),
            state != null
                ? state.trialStepsSpent()
                : trials.stream().mapToLong(t -> t.lastStep() == null ? 0 : t.lastStep()).sum(),
            state != null
                ? Long.valueOf(state.maxTrialSteps())
                : positive(field(budget, "maxTrialSteps", "max_trial_steps")),
            state != null && state.stopping(),
            bestTrial,
            bestValue,
            bestRunId,
            axes,
            rungs,
            maxSteps,
            objective == null ? List.of() : BestSoFar.of(trials, objective),
            top,
            counts,
            trials,
            mlflowError));
  }

  private Optional<RunView> parentRun(String dagId, String runId, String taskId) {
    String filter =
        "tags.`"
            + AtelierTags.DAG_ID
            + "` = "
            + MlflowRuns.quote(dagId)
            + " and tags.`"
            + AtelierTags.RUN_ID
            + "` = "
            + MlflowRuns.quote(runId)
            + " and tags.`"
            + AtelierTags.TASK_ID
            + "` = "
            + MlflowRuns.quote(taskId);
    // Trials carry the same three tags; the parent is the one without a parent.
    return mlflow.search(experiment(dagId), filter).stream()
        .filter(r -> r.tag(AtelierTags.PARENT_RUN_ID) == null)
        .findFirst();
  }

  private SweepTrialView trial(
      int index, TaskInstanceRow ti, RunView run, SweepTrial live, SweepObjective objective) {
    Map<String, String> params = new LinkedHashMap<>();
    if (run != null) {
      params.putAll(run.params());
    }
    if (live != null && live.params() != null) {
      live.params()
          .forEach((k, v) -> params.put(k, dev.atelier.activities.mlflow.MlflowRuns.paramValue(v)));
    }
    List<MetricPoint> history = List.of();
    if (run != null && objective != null && run.latestMetrics().containsKey(objective.metric())) {
      try {
        history = new ArrayList<>(mlflow.history(run.runId(), objective.metric()));
        history.sort(Comparator.comparingLong(MetricPoint::step));
      } catch (RuntimeException e) {
        LOG.debugf("Trial %s: no %s history: %s", run.runId(), objective.metric(), e.getMessage());
      }
    }
    if (history.isEmpty() && live != null && objective != null && live.evaluations() != null) {
      history =
          live.evaluations().stream()
              .filter(e -> e.metrics() != null && e.metrics().get(objective.metric()) != null)
              .map(e -> new MetricPoint(e.step(), e.metrics().get(objective.metric()), 0))
              .toList();
    }
    Long lastStep =
        run == null
            ? null
            : run.latestMetrics().values().stream()
                .map(MetricPoint::step)
                .max(Long::compare)
                .orElse(null);
    if (live != null && (lastStep == null || live.lastStep() > lastStep)) {
      lastStep = live.lastStep();
    }
    String status = run == null ? null : run.tag(AtelierTags.STATUS);
    String note = ti == null ? null : ti.note();
    String stopReason =
        blankToNull(
            live != null && live.stopReason() != null
                ? live.stopReason()
                : run == null ? null : run.tag(AtelierTags.STOP_REASON));
    String stopDetail =
        live != null && live.stopDetail() != null
            ? live.stopDetail()
            : run != null && run.tag(AtelierTags.STOP_DETAIL) != null
                ? run.tag(AtelierTags.STOP_DETAIL)
                : note != null && note.startsWith("pruned") ? note : null;
    String state =
        live != null && live.state() != null
            ? live.state()
            : state(
                status, note, ti == null ? null : ti.state(), run == null ? null : run.status());
    Double value = objective == null ? null : objective.valueOf(history);
    if (live != null && live.objective() != null) {
      value = live.objective();
    }
    Integer pbtParent =
        live != null && live.parent() != null
            ? live.parent()
            : run == null ? null : integer(run.tag(AtelierTags.PBT_PARENT));
    Long pbtParentStep =
        live != null && live.parentStep() != null
            ? live.parentStep()
            : run == null ? null : longOrNull(run.tag(AtelierTags.PBT_PARENT_STEP));
    return new SweepTrialView(
        index,
        state,
        ti == null ? null : ti.state(),
        run != null ? run.runId() : ti == null ? null : ti.mlflowRunId(),
        status,
        stopReason,
        stopDetail,
        params,
        lastStep,
        value,
        pbtParent,
        pbtParentStep,
        history);
  }

  /** A trial's state from what the trainer, the task instance and MLflow recorded. */
  static String state(String status, String note, String taskState, String runStatus) {
    if ("PRUNED".equals(status) || (note != null && note.startsWith("pruned"))) {
      return "pruned";
    }
    if ("SUCCEEDED".equals(status)) {
      return "complete";
    }
    if (status != null && !status.equals("INTERRUPTED")) {
      return "failed";
    }
    if (taskState != null) {
      switch (taskState) {
        case "success":
          return "complete";
        case "failed", "upstream_failed":
          return "failed";
        case "running", "up_for_retry", "up_for_reschedule", "deferred":
          return "running";
        default:
          break;
      }
    }
    if ("RUNNING".equals(runStatus)) {
      return "running";
    }
    if ("FAILED".equals(runStatus) || "KILLED".equals(runStatus)) {
      return "failed";
    }
    if ("FINISHED".equals(runStatus)) {
      return "complete";
    }
    return "pending";
  }

  private TopGrids topGrids(List<SweepTrialView> trials, SweepObjective objective) {
    return TopGrids.choose(
        trials,
        objective,
        TOP_GRIDS,
        t -> {
          try {
            List<Long> steps = new ArrayList<>();
            for (String path : mlflow.listArtifacts(t.mlflowRunId(), "samples")) {
              ArtifactPaths.sampleStep(path).ifPresent(steps::add);
            }
            return steps;
          } catch (RuntimeException e) {
            return List.of();
          }
        });
  }

  private static String experiment(String dagId) {
    return "atelier/" + dagId;
  }

  private static JsonNode json(String text) {
    if (text == null || text.isBlank()) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static Long field(JsonNode n, String camel, String snake) {
    JsonNode v = n.has(camel) ? n.get(camel) : n.get(snake);
    return v == null || !v.isNumber() ? null : v.asLong();
  }

  /** The stop tag is written empty when the sweep gave no reason. */
  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Long positive(Long v) {
    return v == null || v <= 0 ? null : v;
  }

  /**
   * An ended sweep's limit: the value its workflow tagged at the end (a lead may have changed it
   * while it ran), else the declared budget's.
   */
  private static Integer ended(RunView parent, String tag, Long declared) {
    Integer tagged = parent == null ? null : integer(parent.tag(tag));
    return tagged != null ? tagged : integerOrNull(declared);
  }

  private static Integer integerOrNull(Long v) {
    return v == null ? null : Math.toIntExact(v);
  }

  private static double orZero(Number v) {
    return v == null ? 0 : v.doubleValue();
  }

  private static Integer integer(String s) {
    Long v = longOrNull(s);
    return v == null ? null : v.intValue();
  }

  private static Long longOrNull(String s) {
    try {
      return s == null ? null : Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double decimal(String s) {
    try {
      return s == null ? null : Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
