package dev.atelier.workflows.temporal;

import dev.atelier.workflows.search.SearchSpec;
import java.util.List;
import java.util.Map;

/**
 * A mapped TrainOperator task, expanded: one hyperparameter map per map index (in map-index order),
 * the dataset version from upstream, and the settings shared by every trial. The last three came
 * later: in an older history they are null, read as none ({@link #kubernetesOrEmpty}, {@link
 * TryPolicy#orNone}).
 *
 * @param sweepParams what the MLflow parent run records as its params
 * @param pool the pool each trial takes {@code poolSlots} of while it runs, or null
 * @param kubernetes the task's Kubernetes arguments ({@code TrainOperator.KUBERNETES_ARGS}, params
 *     resolved), for every trial's {@code TrialRequest.kubernetes}
 * @param tries the task's retries and execution_timeout, which apply to each trial
 * @param logicalDate the run's logical date, part of the key of Airflow's retry jitter
 * @param search a searching sweep's search (then {@code trials} is empty and each trial's
 *     hyperparameters are {@code baseHyperparams} plus what the sampler proposes); null for a fixed
 *     sweep and in older histories
 * @param baseHyperparams what every trial of a searching sweep shares (the partial's per-trial
 *     arguments)
 * @param reportsPerRun a searching sweep continues as new once one run has heard this many reports
 *     (or sooner, when Temporal suggests it); null for {@link
 *     SweepWorkflowImpl#DEFAULT_REPORTS_PER_RUN}, 0 for only when Temporal suggests it, negative
 *     for never (tests compare a sweep with and without)
 * @param carried the state a continued run starts from; null for the first run
 * @param trialPool the pool each trial's try takes one slot of ({@link TrialSlots}); null for none
 *     (and in older histories)
 */
public record SweepInput(
    String dagId,
    String runId,
    String taskId,
    List<Map<String, Object>> trials,
    Map<String, Object> dataset,
    long probeSeed,
    int gpus,
    int maxParallelTrials,
    int maxInterruptedRetries,
    Map<String, String> sweepParams,
    String pool,
    int poolSlots,
    int priorityWeight,
    Map<String, Object> kubernetes,
    TryPolicy tries,
    String logicalDate,
    SearchSpec search,
    Map<String, Object> baseHyperparams,
    Integer reportsPerRun,
    SweepCarry carried,
    String trialPool) {

  /** A sweep whose trials take no slot of a trial pool (as before {@link TrialSlots} existed). */
  public SweepInput(
      String dagId,
      String runId,
      String taskId,
      List<Map<String, Object>> trials,
      Map<String, Object> dataset,
      long probeSeed,
      int gpus,
      int maxParallelTrials,
      int maxInterruptedRetries,
      Map<String, String> sweepParams,
      String pool,
      int poolSlots,
      int priorityWeight,
      Map<String, Object> kubernetes,
      TryPolicy tries,
      String logicalDate,
      SearchSpec search,
      Map<String, Object> baseHyperparams,
      Integer reportsPerRun,
      SweepCarry carried) {
    this(
        dagId,
        runId,
        taskId,
        trials,
        dataset,
        probeSeed,
        gpus,
        maxParallelTrials,
        maxInterruptedRetries,
        sweepParams,
        pool,
        poolSlots,
        priorityWeight,
        kubernetes,
        tries,
        logicalDate,
        search,
        baseHyperparams,
        reportsPerRun,
        carried,
        null);
  }

  /** A first run with the default history bound (what a Dag run's train task starts). */
  public SweepInput(
      String dagId,
      String runId,
      String taskId,
      List<Map<String, Object>> trials,
      Map<String, Object> dataset,
      long probeSeed,
      int gpus,
      int maxParallelTrials,
      int maxInterruptedRetries,
      Map<String, String> sweepParams,
      String pool,
      int poolSlots,
      int priorityWeight,
      Map<String, Object> kubernetes,
      TryPolicy tries,
      String logicalDate,
      SearchSpec search,
      Map<String, Object> baseHyperparams) {
    this(
        dagId,
        runId,
        taskId,
        trials,
        dataset,
        probeSeed,
        gpus,
        maxParallelTrials,
        maxInterruptedRetries,
        sweepParams,
        pool,
        poolSlots,
        priorityWeight,
        kubernetes,
        tries,
        logicalDate,
        search,
        baseHyperparams,
        null,
        null);
  }

  /** The same sweep with another history bound ({@link #reportsPerRun}). */
  public SweepInput withReportsPerRun(Integer reports) {
    return new SweepInput(
        dagId,
        runId,
        taskId,
        trials,
        dataset,
        probeSeed,
        gpus,
        maxParallelTrials,
        maxInterruptedRetries,
        sweepParams,
        pool,
        poolSlots,
        priorityWeight,
        kubernetes,
        tries,
        logicalDate,
        search,
        baseHyperparams,
        reports,
        carried,
        trialPool);
  }

  /** The same sweep, its trials taking a slot of {@code pool} each ({@link TrialSlots}). */
  public SweepInput withTrialPool(String pool) {
    return new SweepInput(
        dagId,
        runId,
        taskId,
        trials,
        dataset,
        probeSeed,
        gpus,
        maxParallelTrials,
        maxInterruptedRetries,
        sweepParams,
        this.pool,
        poolSlots,
        priorityWeight,
        kubernetes,
        tries,
        logicalDate,
        search,
        baseHyperparams,
        reportsPerRun,
        carried,
        pool);
  }

  /** The input of the next run: the same sweep, continuing from {@code carry}. */
  SweepInput continuing(SweepCarry carry) {
    return new SweepInput(
        dagId,
        runId,
        taskId,
        trials,
        dataset,
        probeSeed,
        gpus,
        maxParallelTrials,
        maxInterruptedRetries,
        sweepParams,
        pool,
        poolSlots,
        priorityWeight,
        kubernetes,
        tries,
        logicalDate,
        search,
        baseHyperparams,
        reportsPerRun,
        carry,
        trialPool);
  }

  /** The MLflow experiment of every run of this Dag. */
  public String experimentName() {
    return "atelier/" + dagId;
  }

  Map<String, Object> kubernetesOrEmpty() {
    return kubernetes == null ? Map.of() : kubernetes;
  }
}
