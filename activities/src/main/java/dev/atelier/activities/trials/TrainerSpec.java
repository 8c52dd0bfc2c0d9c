package dev.atelier.activities.trials;

import dev.atelier.workflows.activities.TrialRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The trainer spec JSON (trainers/README.md) for one trial. The Dag's expand/partial arguments
 * arrive as one map; the keys the spec holds at its top level ({@code model}, {@code seed}, {@code
 * sample_every}) are lifted out, the sweep's own arguments ({@link #NOT_HYPERPARAMS}) are left out,
 * everything else is a hyperparam, so an unknown key reaches the trainer and is reported there as a
 * bad spec.
 */
public final class TrainerSpec {
  static final Set<String> TOP_LEVEL = Set.of("model", "seed", "sample_every");

  /**
   * Arguments of the train task that steer the sweep, not the trainer's optimiser: they are params
   * of the run but never trainer hyperparams (which reject unknown keys).
   */
  static final Set<String> NOT_HYPERPARAMS =
      Set.of("image_size", "probe_seed", "gpus", "max_parallel_trials");

  static final String DEFAULT_MODEL = "dcgan32";
  static final int DEFAULT_SEED = 42;
  static final int DEFAULT_IMAGE_SIZE = 32;
  static final String DEFAULT_BACKGROUND = "#ffffff";

  /** 64 latents make the 8x8 grid. */
  static final int PROBE_COUNT = 64;

  private TrainerSpec() {}

  public static Map<String, Object> of(
      TrialRequest request,
      String mlflowRunId,
      Path outputDir,
      String trackingUri,
      OptionalInt threads) {
    Map<String, Object> given = request.hyperparams() == null ? Map.of() : request.hyperparams();
    Map<String, Object> hyperparams = new LinkedHashMap<>();
    given.forEach(
        (k, v) -> {
          if (!TOP_LEVEL.contains(k) && !NOT_HYPERPARAMS.contains(k)) {
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
    spec.put("model", given.getOrDefault("model", DEFAULT_MODEL));
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
    spec.put("probe", orderedMap("seed", request.probeSeed(), "count", PROBE_COUNT));
    if (given.containsKey("sample_every")) {
      spec.put("sample_every", integral(given.get("sample_every")));
    }
    threads.ifPresent(t -> spec.put("threads", t));
    spec.put("output_dir", outputDir.toString());
    spec.put("mlflow", orderedMap("tracking_uri", trackingUri, "run_id", mlflowRunId));
    return spec;
  }

  /**
   * JSON numbers that crossed Temporal may come back as doubles (300.0); the trainer wants integers
   * where a count is meant, and a whole double is never a meaningful fraction here.
   */
  static Object integral(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
      return d.longValue();
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
