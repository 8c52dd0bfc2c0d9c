package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * The retrain loop's evidence: measures the registered model's current champion on the data the
 * challenger was just trained on, with the challenger's yardstick. The champion's promoted
 * checkpoint is run as a trial of its own (the same trainer command, on the same launcher: a local
 * process or a Kubernetes Job) that trains no step and reports, at the checkpoint's step, the same
 * quality metrics and a probe grid from the same probe latents as every trial of the sweep; its
 * MLflow run records the dataset version like any trial's. The XCom holds both sides' values of
 * {@code metrics} and the champion's evaluation run, and a {@link ReviewOperator} given it through
 * {@link ReviewOperator#evaluation} shows them side by side (and may promote by policy). Without a
 * champion yet, the XCom says so and the review shows the challenger alone.
 *
 * <p>Arguments: {@code best} (pick_best's XCom: the challenger), {@code dataset} (prepare_dataset's
 * XCom: the new version), {@code probe_seed}, {@code metrics} (the names compared, each with its
 * direction: {@code fd_rgb8:min}; default {@value #DEFAULT_METRICS}).
 */
public final class EvaluateChampionOperator extends ArgsTask<EvaluateChampionOperator> {
  public static final String ACTIVITY_TYPE = "EvaluateChampion";
  public static final String DEFAULT_METRICS = "fd_rgb8:min,kid_rgb8:min";
  static final int MAX_METRICS = 16;

  public EvaluateChampionOperator(String taskId) {
    super(taskId);
    arg("metrics", List.of(DEFAULT_METRICS.split(",")));
  }

  /** The challenger (pick_best) and the data it was trained on (prepare_dataset). */
  public EvaluateChampionOperator challenger(Task pickBest, Task prepareDataset) {
    arg("best", pickBest.output());
    return arg("dataset", prepareDataset.output());
  }

  /** The probe latents' seed: the sweep's, so the champion's grid shows the same faces. */
  public EvaluateChampionOperator probeSeed(Object seed) {
    return arg("probe_seed", seed);
  }

  /** The metrics compared, as {@code name:min} or {@code name:max}. */
  public EvaluateChampionOperator metrics(String... metrics) {
    return arg("metrics", List.of(metrics));
  }

  @Override
  public String activityType() {
    return ACTIVITY_TYPE;
  }

  @Override
  public String operator() {
    return "EvaluateChampionOperator";
  }

  @Override
  public TaskKind kind() {
    return TaskKind.ACTIVITY;
  }

  @Override
  protected void check(String dagId, Params params, List<String> violations) {
    String at = "EvaluateChampionOperator '" + taskId() + "': ";
    List<String> found = new ArrayList<>();
    if (!(args().get("best") instanceof XComArg)) {
      found.add("best must be pick_best's output (challenger(pickBest, prepareDataset))");
    }
    if (!(args().get("dataset") instanceof XComArg)) {
      found.add("dataset must be prepare_dataset's output (challenger(pickBest, prepareDataset))");
    }
    Object metrics = args().get("metrics");
    if (!(metrics instanceof List<?> list) || list.isEmpty() || list.size() > MAX_METRICS) {
      found.add("metrics " + Values.show(metrics) + " must list 1 to " + MAX_METRICS + " metrics");
    } else {
      for (Object m : list) {
        if (!(m instanceof String s) || !s.matches("[A-Za-z0-9_.-]{1,100}:(min|max)")) {
          found.add(
              "metrics: "
                  + Values.show(m)
                  + " must be a metric name and its direction, e.g. 'fd_rgb8:min'");
        }
      }
    }
    found.forEach(f -> violations.add(at + f));
  }
}
