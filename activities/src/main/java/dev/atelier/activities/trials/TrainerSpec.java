package dev.atelier.activities.trials;

import dev.atelier.workflows.activities.TrialRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The trainer spec JSON (trainers/README.md) for one trial. The Dag's expand/partial arguments
 * arrive as one map; the keys the spec holds at its top level ({@link #TOP_LEVEL}) are lifted out,
 * as are its option objects ({@link #OBJECTS}), given either whole ({@code "quality": {"every":
 * 200}}) or flat with the object's name as prefix, as Dag params are scalars ({@code
 * quality_every}, {@code quality_extractor_path}, {@code augment_mirror}, {@code
 * divergence_window}, {@code content_features_path}); the sweep's own arguments ({@link
 * #NOT_HYPERPARAMS}) are left out, everything else is a hyperparam, so an unknown key reaches the
 * trainer and is reported there as a bad spec. What the Dag does not give is left out of the spec,
 * so the trainer's defaults apply.
 */
public final class TrainerSpec {
  static final Set<String> TOP_LEVEL =
      Set.of("model", "seed", "sample_every", "checkpoint_every", "keep_last", "keep_best_by");

  /**
   * The spec's option objects, in the order they are written; {@code content_features} is {@code
   * srgan4x}'s ({@code content_features_path}, {@code _weight}, {@code _input_range}).
   */
  static final List<String> OBJECTS =
      List.of("augment", "divergence", "quality", "progressive", "content_features");

  /**
   * Arguments of the train task that steer the sweep, not the trainer's optimiser: they are params
   * of the run but never trainer hyperparams (which reject unknown keys).
   */
  static final Set<String> NOT_HYPERPARAMS =
      Set.of("image_size", "probe_seed", "gpus", "max_parallel_trials");

  static final String DEFAULT_MODEL = "dcgan32";

  /** The trial's model: its {@code model} hyperparameter, else {@value #DEFAULT_MODEL}. */
  static Object model(TrialRequest request) {
    return request.hyperparams() == null
        ? DEFAULT_MODEL
        : request.hyperparams().getOrDefault("model", DEFAULT_MODEL);
  }

  static final int DEFAULT_SEED = 42;
  static final int DEFAULT_IMAGE_SIZE = 32;
  static final String DEFAULT_BACKGROUND = "#ffffff";

  /** 64 latents make the 8x8 grid. */
  static final int PROBE_COUNT = 64;

  /**
   * The super-resolution model: it has no latents, its probes are held-out images shown as input |
   * SR | truth, and 16 of them (the trainer's default) keep that sheet readable.
   */
  static final String SR_MODEL = "srgan4x";

  static final int SR_PROBE_COUNT = 16;

  private TrainerSpec() {}

  public static Map<String, Object> of(
      TrialRequest request,
      String mlflowRunId,
      Path outputDir,
      String trackingUri,
      OptionalInt threads) {
    Map<String, Object> given = request.hyperparams() == null ? Map.of() : request.hyperparams();
    Map<String, Object> hyperparams = new LinkedHashMap<>();
    Map<String, Object> objects = new LinkedHashMap<>();
    given.forEach(
        (k, v) -> {
          if (TOP_LEVEL.contains(k) || NOT_HYPERPARAMS.contains(k)) {
            return;
          }
          if (!option(objects, k, v)) {
            hyperparams.put(k, integral(v));
          }
        });
    Map<String, Object> dataset = request.dataset() == null ? Map.of() : request.dataset();

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "trial_id",
        request.dagId()
            + "/"
            + request.runId()
            + "/"
            + request.taskId()
            + "/"
            + request.mapIndex());
    Object model = model(request);
    spec.put("model", model);
    spec.put(
        "dataset",
        orderedMap(
            "path",
            dataset.get("path"),
            "image_size",
            integral(
                dataset.getOrDefault(
                    "image_size", given.getOrDefault("image_size", DEFAULT_IMAGE_SIZE))),
            "background",
            dataset.getOrDefault("background", DEFAULT_BACKGROUND)));
    spec.put("hyperparams", hyperparams);
    spec.put("seed", integral(given.getOrDefault("seed", DEFAULT_SEED)));
    spec.put(
        "probe",
        orderedMap(
            "seed",
            request.probeSeed(),
            "count",
            SR_MODEL.equals(model) ? SR_PROBE_COUNT : PROBE_COUNT));
    for (String k : List.of("sample_every", "checkpoint_every", "keep_last", "keep_best_by")) {
      if (given.containsKey(k)) {
        spec.put(k, integral(given.get(k)));
      }
    }
    for (String o : OBJECTS) {
      if (objects.containsKey(o)) {
        spec.put(o, objects.get(o));
      }
    }
    threads.ifPresent(t -> spec.put("threads", t));
    spec.put("output_dir", outputDir.toString());
    spec.put("mlflow", orderedMap("tracking_uri", trackingUri, "run_id", mlflowRunId));
    return spec;
  }

  /** Points the spec's {@code dataset.exclude_file} at the trial's list of files to leave out. */
  @SuppressWarnings("unchecked")
  static void excludeFile(Map<String, Object> spec, Path file) {
    ((Map<String, Object>) spec.get("dataset")).put("exclude_file", file.toString());
  }

  /**
   * Files {@code key} under its option object when it is one ({@code quality}, a map) or names a
   * field of one ({@code quality_every}, {@code quality_extractor_path}, {@code
   * augment_ada_target}); false for anything else. A boolean {@code quality} is its {@code
   * enabled}; any other non-object value is passed on as it is, for the trainer to reject by name.
   */
  /**
   * Option objects with an object inside that flat names reach: {@code <object>_<inner>_<field>}.
   */
  private static final Map<String, String> NESTED =
      Map.of("quality", "extractor", "augment", "ada");

  private static boolean option(Map<String, Object> objects, String key, Object v) {
    for (String o : OBJECTS) {
      if (key.equals(o)) {
        if (v instanceof Map<?, ?> m) {
          m.forEach((f, fv) -> fields(objects, o).put(String.valueOf(f), integral(fv)));
        } else if (o.equals("quality") && v instanceof Boolean b) {
          fields(objects, o).put("enabled", b);
        } else {
          objects.put(o, v);
        }
        return true;
      }
      if (key.startsWith(o + "_")) {
        String field = key.substring(o.length() + 1);
        Map<String, Object> into = fields(objects, o);
        String nested = NESTED.get(o);
        if (nested != null && field.startsWith(nested + "_")) {
          // quality_extractor_path, augment_ada_target: a field of the object's own object. An
          // "augment_ada": true given too is implied by the object (its defaults, these changed).
          if (!(into.get(nested) instanceof Map)) {
            if (Boolean.FALSE.equals(into.get(nested))) {
              return true;
            }
            into.put(nested, new LinkedHashMap<String, Object>());
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> x = (Map<String, Object>) into.get(nested);
          x.put(field.substring(nested.length() + 1), integral(v));
        } else if (field.equals(nested)
            && Boolean.TRUE.equals(v)
            && into.get(field) instanceof Map) {
          return true;
        } else {
          into.put(field, integral(v));
        }
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(Map<String, Object> objects, String o) {
    if (!(objects.get(o) instanceof Map)) {
      objects.put(o, new LinkedHashMap<String, Object>());
    }
    return (Map<String, Object>) objects.get(o);
  }

  /**
   * JSON numbers that crossed Temporal may come back as doubles (300.0); the trainer wants integers
   * where a count is meant, and a whole double is never a meaningful fraction here.
   */
  static Object integral(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
      return d.longValue();
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), integral(v)));
      return out;
    }
    return value;
  }

  private static Map<String, Object> orderedMap(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
