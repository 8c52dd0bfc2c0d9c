package dev.atelier.trainers.train;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the networks' parameters (BatchNorm statistics included) and a checkpoint.json that says
 * which step, model and hyperparameters they belong to, so a checkpoint can be loaded, resumed or
 * promoted without the spec that produced it. {@value #GENERATOR} is the generator to use (the
 * weight average when {@code ema_decay} > 0); {@value #GENERATOR_RAW} is the trained generator
 * itself, kept so that training can resume.
 */
public final class Checkpoint {
  public static final String GENERATOR = "generator";
  public static final String GENERATOR_RAW = "generator_raw";
  public static final String DISCRIMINATOR = "discriminator";
  public static final String DESCRIPTOR = "checkpoint.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Checkpoint() {}

  public static Path dir(Path outputDir) {
    return outputDir.resolve("checkpoints").resolve("final");
  }

  static void save(Path dir, Networks nets, TrialSpec spec, int step) throws IOException {
    Files.createDirectories(dir);
    nets.exported().model.save(dir, GENERATOR);
    if (nets.ema().isPresent()) {
      nets.g().model.save(dir, GENERATOR_RAW);
    }
    nets.d().model.save(dir, DISCRIMINATOR);
    Map<String, Object> desc = new LinkedHashMap<>();
    desc.put("step", step);
    desc.put("steps", spec.hyperparams().steps());
    desc.put("model", spec.model().specName());
    desc.put("image_size", spec.dataset().imageSize());
    desc.put("hyperparams", spec.hyperparams().asSpecMap());
    desc.put("seed", spec.seed());
    desc.put("trial_id", spec.trialId());
    desc.put("generator_is_weight_average", nets.ema().isPresent());
    desc.put("discriminator_batchnorm", !spec.hyperparams().gradientPenalty());
    desc.put("generator_input", "(N, latent_dim) standard normal");
    desc.put("generator_output", "(N, 3, image_size, image_size) RGB in [-1, 1]");
    JSON.writeValue(dir.resolve(DESCRIPTOR).toFile(), desc);
  }

  static void load(Path dir, Networks nets) throws IOException {
    try {
      if (nets.ema().isPresent()) {
        nets.ema().get().model.load(dir, GENERATOR);
        nets.g().model.load(dir, GENERATOR_RAW);
      } else {
        nets.g().model.load(dir, GENERATOR);
      }
      nets.d().model.load(dir, DISCRIMINATOR);
    } catch (MalformedModelException e) {
      throw new IOException("checkpoint in " + dir + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  /**
   * The step of a checkpoint in {@code dir} that the given spec can resume from, or 0 when there is
   * none or it was made by a different model or hyperparameters.
   */
  public static int resumableStep(Path dir, TrialSpec spec) {
    Path desc = dir.resolve(DESCRIPTOR);
    if (!Files.isRegularFile(desc)) {
      return 0;
    }
    try {
      var node = JSON.readTree(desc.toFile());
      boolean same =
          spec.model().specName().equals(node.path("model").asText())
              && JSON.valueToTree(spec.hyperparams().asSpecMap()).equals(node.path("hyperparams"));
      int step = node.path("step").asInt(0);
      return same && step < spec.hyperparams().steps() ? step : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
