package dev.atelier.workflows.dsl;

import dev.atelier.workflows.search.SearchSpec;
import java.math.BigInteger;
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
 *   <li>{@link #HYPERPARAMS}, {@link #TRIAL_FIELDS} and {@link #OPTION_OBJECTS}: per trial, may be
 *       mapped; they travel in {@code TrialRequest.hyperparams} (the trial fields and option
 *       objects are not trainer hyperparams: the launcher lifts them to the spec's top level);
 *   <li>{@link #SWEEP_ARGS}: once for the whole sweep, never mapped: {@code image_size} (added to
 *       the dataset), {@code probe_seed}, {@code gpus}, {@code max_parallel_trials}, {@code
 *       max_interrupted_retries}, {@code dataset_from} (the upstream task whose XCom is the dataset
 *       version; by default the only upstream);
 *   <li>{@link #KUBERNETES_ARGS}: once for the whole sweep, never mapped: where and how each
 *       trial's Job runs, with the {@link KubernetesJobOperator}'s names and rules; they travel in
 *       {@code TrialRequest.kubernetes}. The typed helpers ({@link PodToleration}, {@link
 *       PodVolume}, {@link PodVolumeMount}) may stand for their maps.
 * </ul>
 *
 * <p>{@code TrainOperator.partial("train", shared).search(Search.space()...build())} instead lets
 * the sweep propose each trial's configuration (grid, random or TPE), stop trials early and run
 * population-based training; the searched parameters are per-trial arguments, as mapped ones are.
 *
 * <p>The task's {@code retries}, {@code retry_delay}, {@code retry_exponential_backoff}, {@code
 * max_retry_delay} and {@code execution_timeout} apply to each trial (a map index), as to any task.
 */
public final class TrainOperator extends Task {
  /**
   * The trainer's hyperparameters (trainers/README.md): the GAN families' and {@code srgan4x}'s.
   * Which of them a trial's {@code model} takes is the trainer's rule, reported as a bad spec.
   */
  public static final Set<String> HYPERPARAMS =
      Set.of(
          "lr",
          "lr_g",
          "lr_d",
          "beta1",
          "beta2",
          "latent_dim",
          "batch_size",
          "steps",
          "g_width",
          "d_width",
          "loss",
          "gp_weight",
          "r1_gamma",
          "r2_gamma",
          "ema_decay",
          "blocks_per_stage",
          "group_channels",
          "w_dim",
          "mapping_layers",
          "style_mixing",
          "r1_interval",
          "pl_weight",
          "pl_interval",
          "residual_blocks",
          "adversarial_weight",
          "content_loss",
          "content_only_steps");

  /** Per-trial fields of the spec's top level, not hyperparameters. */
  public static final Set<String> TRIAL_FIELDS =
      Set.of("model", "sample_every", "seed", "checkpoint_every", "keep_last", "keep_best_by");

  /**
   * The spec's option objects: an argument named like one carries the whole object (a map), or with
   * the object's name as prefix one of its fields ({@code quality_every}, {@code
   * content_features_path}); the launcher nests them.
   */
  public static final Set<String> OPTION_OBJECTS =
      Set.of("augment", "divergence", "quality", "progressive", "content_features");

  public static final Set<String> SWEEP_ARGS =
      Set.of(
          "image_size",
          "probe_seed",
          "gpus",
          "max_parallel_trials",
          "max_interrupted_retries",
          "dataset_from");

  /**
   * The Kubernetes arguments a trial's Job takes, as the {@link KubernetesJobOperator} names them
   * (less what a trial's own spec decides: image, command, env), plus {@code queue_name}.
   */
  public static final Set<String> KUBERNETES_ARGS =
      Set.of(
          "node_selector",
          "tolerations",
          "affinity",
          "priority_class_name",
          "labels",
          "annotations",
          "container_resources",
          "service_account_name",
          "volumes",
          "volume_mounts",
          "startup_timeout_seconds",
          "active_deadline_seconds",
          "queue_name");

  private final Map<String, Object> partial;
  private final Map<String, Object> expand;
  private final SearchSpec search;

  TrainOperator(String taskId, Map<String, Object> partial, Map<String, Object> expand) {
    this(taskId, partial, expand, null);
  }

  TrainOperator(
      String taskId, Map<String, Object> partial, Map<String, Object> expand, SearchSpec search) {
    super(taskId);
    Map<String, Object> plain = new LinkedHashMap<>();
    partial.forEach((k, v) -> plain.put(k, KUBERNETES_ARGS.contains(k) ? PodArgs.plain(v) : v));
    this.partial = Collections.unmodifiableMap(plain);
    this.expand = Collections.unmodifiableMap(new LinkedHashMap<>(expand));
    this.search = search;
  }

  /** The sweep's search ({@link TrainPartial#search}), or null for a fixed {@code expand}. */
  public SearchSpec search() {
    return search;
  }

  @Override
  protected TaskSpec.Extras extras(String dagId) {
    return search == null ? TaskSpec.Extras.NONE : new TaskSpec.Extras(null, false, null, search);
  }

  @Override
  boolean canSkipItself() {
    return search == null && super.canSkipItself();
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
    return HYPERPARAMS.contains(name)
        || TRIAL_FIELDS.contains(name)
        || SWEEP_ARGS.contains(name)
        || KUBERNETES_ARGS.contains(name)
        || OPTION_OBJECTS.stream().anyMatch(o -> name.equals(o) || name.startsWith(o + "_"));
  }

  @Override
  protected void check(String dagId, Params params, List<String> violations) {
    String id = taskId();
    for (String name : partial.keySet()) {
      if (!accepts(name)) {
        violations.add(id + ".partial() got an unexpected argument '" + name + "'");
      }
    }
    if (search != null) {
      SearchCheck.check(id, search, partial, violations);
    } else if (expand.isEmpty()) {
      violations.add(id + ".expand() needs at least one argument to map over");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (Map.Entry<String, Object> e : expand.entrySet()) {
      String name = e.getKey();
      seen.add(name);
      if (!accepts(name)) {
        violations.add(id + ".expand() got an unexpected argument '" + name + "'");
      } else if (SWEEP_ARGS.contains(name) || KUBERNETES_ARGS.contains(name)) {
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
    Map<String, Object> pod = new LinkedHashMap<>();
    partial.forEach(
        (k, v) -> {
          if (KUBERNETES_ARGS.contains(k)) {
            pod.put(k, v);
          }
        });
    PodArgsCheck.podArgs(id, pod, violations);
    checkGpus(id, violations);
  }

  /**
   * {@code gpus} sets the trial's GPU limit and tells the trainer to use one; a GPU count in {@code
   * container_resources} that says otherwise would give the pod GPUs the trainer ignores, or none.
   */
  private void checkGpus(String id, List<String> violations) {
    Object gpus = partial.getOrDefault("gpus", 0);
    if (!(gpus instanceof Number n)
        || !(partial.get("container_resources") instanceof Map<?, ?> resources)) {
      return;
    }
    for (String kind : PodArgs.RESOURCE_KINDS) {
      if (resources.get(kind) instanceof Map<?, ?> quantities
          && quantities.get(PodArgs.GPU) instanceof String q
          && q.matches("[0-9]+")
          && new BigInteger(q).compareTo(BigInteger.valueOf(n.longValue())) != 0) {
        violations.add(
            "Task '"
                + id
                + "': container_resources."
                + kind
                + "."
                + PodArgs.GPU
                + " "
                + Values.show(q)
                + " disagrees with gpus "
                + n.longValue()
                + ": give a trial's GPU count once, as gpus");
      }
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
