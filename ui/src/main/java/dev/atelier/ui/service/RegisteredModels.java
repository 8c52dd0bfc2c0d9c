package dev.atelier.ui.service;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which registered model a trial's checkpoint is promoted into. A champion is only comparable with
 * its own kind: a DCGAN trained on emoji faces cannot stand in for a ProGAN trained on a class set,
 * nor a super-resolution network for a generator. So there is one registered model per model family
 * and dataset, named {@code <family>_<dataset>} ({@code dcgan_emoji-faces}, {@code
 * srgan4x_emoji-64}): the family is the trainer's {@code model} param without its image size
 * ({@code dcgan32} and {@code dcgan64} are one family, {@code cdcgan32} another), the dataset is
 * the last folder of the run's {@code dataset_path} param ({@code datasets/emoji-faces} gives
 * {@code emoji-faces}; a folder named by a number, like the emoji package's {@code google/64}, is
 * joined with its parent: {@code google-64}).
 *
 * <p>A Dag names another model by tagging its trial runs {@value #TAG} (the tag wins over the
 * rule), and a promote request's {@code model} wins over both.
 */
public final class RegisteredModels {
  /** The run tag by which a Dag names its registered model. */
  public static final String TAG = "atelier.registered_model";

  /**
   * What a registered model may be called: what MLflow's UI, its URIs ({@code
   * models:/<name>@champion}) and file systems accept without escaping.
   */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

  static final String RULE =
      "must be 1 to 100 characters of a-z, 0-9, '_', '.' or '-', starting with a letter or digit";

  private RegisteredModels() {}

  /** The registered model a promotion of this run goes to unless the request names another. */
  public static String forRun(RunView run) {
    if (run == null) {
      return forTrial(null, null);
    }
    String tagged = run.tag(TAG);
    if (tagged != null && NAME.matcher(tagged).matches()) {
      return tagged;
    }
    return forTrial(run.params().get("model"), datasetName(run.params().get("dataset_path")));
  }

  static String datasetName(String path) {
    if (path == null || path.isBlank()) {
      return null;
    }
    String[] parts = path.replace('\\', '/').replaceAll("/+$", "").split("/");
    String last = parts[parts.length - 1];
    if (last.matches("[0-9]+") && parts.length > 1) {
      return parts[parts.length - 2] + "-" + last;
    }
    return last;
  }

  /**
   * The default name for a trial whose {@code model} param is {@code model} and whose dataset is
   * {@code dataset} (either may be null).
   */
  public static String forTrial(String model, String dataset) {
    String family = family(model);
    String data = dataset == null ? "" : slug(dataset);
    return data.isEmpty() ? family : family + "_" + data;
  }

  /** {@code dcgan32} gives {@code dcgan}; {@code srgan4x} and {@code progan} stay as they are. */
  static String family(String model) {
    if (model == null || model.isBlank()) {
      return "gan";
    }
    String m = slug(model);
    String stripped = m.replaceAll("[0-9]+$", "");
    return stripped.isEmpty() ? m : stripped;
  }

  /** Lower case, anything outside the name's alphabet turned into '-', trimmed to fit. */
  static String slug(String s) {
    String out =
        s.strip()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_.-]+", "-")
            .replaceAll("^[^a-z0-9]+", "")
            .replaceAll("-+$", "");
    return out.length() > 60 ? out.substring(0, 60) : out;
  }

  /**
   * @throws ApiProblem 400 naming the field, the value and the rule
   */
  public static String checked(String field, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiProblem.badRequest(field + ": '" + name + "' " + RULE);
    }
    return name;
  }
}
