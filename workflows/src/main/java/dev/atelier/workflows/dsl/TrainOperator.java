package dev.atelier.workflows.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep of GAN training trials: {@code TrainOperator.partial("train", shared).expand(mapped)}
 * gives one trial per element of the cartesian product of the mapped lists, as Airflow's {@code
 * partial(...).expand(...)} gives one task instance per combination (first argument slowest).
 *
 * <p>Arguments, by where they end up:
 *
 * <ul>
 *   <li>{@link #HYPERPARAMS} and {@link #TRIAL_FIELDS}: per trial, may be mapped; they travel in
 *       {@code TrialRequest.hyperparams} (the trial fields {@code model}, {@code sample_every} and
 *       {@code seed} are not trainer hyperparams: the launcher lifts them to the spec's top level);
 *   <li>{@link #SWEEP_ARGS}: once for the whole sweep, never mapped: {@code image_size} (added to
 *       the dataset), {@code probe_seed}, {@code gpus}, {@code max_parallel_trials}, {@code
 *       max_interrupted_retries}, {@code dataset_from} (the upstream task whose XCom is the dataset
 *       version; by default the only upstream).
 * </ul>
 */
public final class TrainOperator extends Task {
  public static final Set<String> HYPERPARAMS =
      Set.of("lr", "beta1", "latent_dim", "batch_size", "steps", "g_width", "d_width");
  public static final Set<String> TRIAL_FIELDS = Set.of("model", "sample_every", "seed");
  public static final Set<String> SWEEP_ARGS =
      Set.of(
          "image_size",
          "probe_seed",
          "gpus",
          "max_parallel_trials",
          "max_interrupted_retries",
          "dataset_from");

  private final Map<String, Object> partial;
  private final Map<String, Object> expand;

  TrainOperator(String taskId, Map<String, Object> partial, Map<String, Object> expand) {
    super(taskId);
    this.partial = Collections.unmodifiableMap(new LinkedHashMap<>(partial));
    this.expand = Collections.unmodifiableMap(new LinkedHashMap<>(expand));
  }

  /** Airflow's {@code TrainOperator.partial(task_id=..., **kwargs)}. */
  public static TrainPartial partial(String taskId, Map<String, Object> kwargs) {
    return new TrainPartial(taskId, kwargs);
  }

  @Override
  public Map<String, Object> args() {
    return partial;
  }

  @Override
  public Map<String, Object> expandArgs() {
    return expand;
  }

  @Override
  public String operator() {
    return "TrainOperator";
  }

  @Override
  public TaskKind kind() {
    return TaskKind.TRAIN;
  }

  static boolean accepts(String name) {
    return HYPERPARAMS.contains(name) || TRIAL_FIELDS.contains(name) || SWEEP_ARGS.contains(name);
  }

  @Override
  protected void check(String dagId, Params params, List<String> violations) {
    String id = taskId();
    for (String name : partial.keySet()) {
      if (!accepts(name)) {
        violations.add(id + ".partial() got an unexpected argument '" + name + "'");
      }
    }
    if (expand.isEmpty()) {
      violations.add(id + ".expand() needs at least one argument to map over");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (Map.Entry<String, Object> e : expand.entrySet()) {
      String name = e.getKey();
      seen.add(name);
      if (!accepts(name)) {
        violations.add(id + ".expand() got an unexpected argument '" + name + "'");
      } else if (SWEEP_ARGS.contains(name)) {
        violations.add(
            id
                + ".expand() cannot map '"
                + name
                + "': it applies to the whole sweep; pass it to partial()");
      } else if (partial.containsKey(name)) {
        violations.add(id + ".expand() got argument '" + name + "' that partial() already set");
      }
      checkMappable(id, name, e.getValue(), params, violations);
    }
  }

  private static void checkMappable(
      String id, String name, Object value, Params params, List<String> violations) {
    if (value instanceof List<?>) {
      return;
    }
    if (value instanceof ParamRef ref) {
      Param p = params.asMap().get(ref.name());
      if (p != null && p.type() != ParamType.ARRAY) {
        violations.add(
            id
                + ".expand() argument '"
                + name
                + "' refers to "
                + ref
                + ", which is of type '"
                + p.type().value()
                + "', not 'array'");
      }
      return;
    }
    violations.add(
        id
            + ".expand() argument '"
            + name
            + "' must be a list or a reference to an array param, got "
            + Values.show(value));
  }
}
