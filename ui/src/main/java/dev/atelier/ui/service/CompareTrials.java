package dev.atelier.ui.service;

import dev.atelier.activities.mlflow.AtelierTags;
import dev.atelier.activities.mlflow.TrackingActivitiesImpl;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The trials of every run of a Dag, read from MLflow (one experiment per Dag, a child run per
 * trial), for the compare page: the picker's list in one search, and a selection's artifacts and
 * curves fetched side by side rather than one trial after another, because 32 trials in series cost
 * 32 round trips each.
 */
@ApplicationScoped
public class CompareTrials {
  /** The most trials one request may ask for: the page is built for 32 and a little more. */
  public static final int MAX_SELECTED = 64;

  private static final List<String> EXTRA_DIRS = List.of("inputs", "novelty", "walks");
  private static final int MAX_CACHED = 4096;

  private final MlflowRuns mlflow;
  // A finished run's artifacts never change: its listing is read once.
  private final Map<String, CompareTrial> finished = new ConcurrentHashMap<>();
  // MLflow calls are I/O: a few at once, whatever the core count.
  private final ExecutorService io = Executors.newFixedThreadPool(8, daemon());

  CompareTrials(MlflowRuns mlflow) {
    this.mlflow = mlflow;
  }

  @PreDestroy
  void close() {
    io.shutdownNow();
  }

  /** Every trial run of the Dag's experiment, newest Dag run first, then by map index. */
  public List<CompareTrial> list(String dagId) {
    List<CompareTrial> out = new ArrayList<>();
    for (RunView run : mlflow.search(TrackingActivitiesImpl.experimentName(dagId), "")) {
      if (run.tag(AtelierTags.MAP_INDEX) != null) {
        out.add(trial(run));
      }
    }
    out.sort(
        Comparator.comparing(
                (CompareTrial t) -> t.dagRunId() == null ? "" : t.dagRunId(),
                Comparator.reverseOrder())
            .thenComparing(t -> t.mapIndex() == null ? Integer.MAX_VALUE : t.mapIndex()));
    return out;
  }

  /**
   * The chosen runs in the order asked, each with its sample steps and inline extras; a run MLflow
   * does not know is named in the 404.
   */
  public List<CompareTrial> selection(List<String> runIds) {
    return parallel(runIds, this::detailed);
  }

  /** The metric histories of every run × key, downsampled, fetched in parallel. */
  public List<MetricSeriesView> curves(List<String> runIds, List<String> keys) {
    List<String[]> pairs = new ArrayList<>();
    for (String run : runIds) {
      for (String key : keys) {
        pairs.add(new String[] {run, key});
      }
    }
    return parallel(
        pairs,
        p -> {
          List<MetricPoint> history = mlflow.history(p[0], p[1]);
          return new MetricSeriesView(
              p[0],
              p[1],
              history.size(),
              MetricHistory.downsample(history, MetricHistory.MAX_POINTS));
        });
  }

  private CompareTrial detailed(String runId) {
    CompareTrial known = finished.get(runId);
    if (known != null) {
      return known;
    }
    RunView run =
        mlflow
            .run(runId)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "Run not found", "run: '" + runId + "' is not an MLflow run"));
    List<Long> steps = new ArrayList<>();
    for (String path : mlflow.listArtifacts(runId, "samples")) {
      ArtifactPaths.sampleStep(path).ifPresent(steps::add);
    }
    steps.sort(null);
    List<String> extras = new ArrayList<>();
    for (String dir : EXTRA_DIRS) {
      extras.addAll(mlflow.listArtifacts(runId, dir));
    }
    extras.sort(null);
    CompareTrial t = trial(run).withArtifacts(steps, extras);
    if (!"RUNNING".equals(run.status()) && !"SCHEDULED".equals(run.status())) {
      if (finished.size() >= MAX_CACHED) {
        finished.clear();
      }
      finished.put(runId, t);
    }
    return t;
  }

  static CompareTrial trial(RunView run) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    run.latestMetrics().forEach((k, v) -> metrics.put(k, v.value()));
    MetricPoint lossG = run.latestMetrics().get(SweepService.LOSS_G);
    return new CompareTrial(
        run.runId(),
        run.tag(AtelierTags.DAG_ID),
        run.tag(AtelierTags.RUN_ID),
        Optional.ofNullable(run.tag(AtelierTags.TASK_ID)).orElse("train"),
        parseInt(run.tag(AtelierTags.MAP_INDEX)),
        run.status(),
        run.tag(AtelierTags.STATUS),
        run.tag(AtelierTags.REASON),
        run.tag(AtelierTags.STOP_REASON),
        run.tag(AtelierTags.STOP_DETAIL),
        run.params(),
        metrics,
        lossG == null ? null : lossG.step(),
        ProbeKey.of(run.params()),
        RegisteredModels.forRun(run),
        null,
        null,
        TrainedOn.of(run));
  }

  private <T, R> List<R> parallel(List<T> items, Function<T, R> work) {
    List<CompletableFuture<R>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(CompletableFuture.supplyAsync(() -> work.apply(item), io));
    }
    List<R> out = new ArrayList<>();
    for (CompletableFuture<R> f : futures) {
      try {
        out.add(f.join());
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
    return out;
  }

  private static Integer parseInt(String v) {
    try {
      return v == null ? null : Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "compare-mlflow");
      t.setDaemon(true);
      return t;
    };
  }
}
