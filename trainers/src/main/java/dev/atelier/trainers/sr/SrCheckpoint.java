package dev.atelier.trainers.sr;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Adam;
import dev.atelier.trainers.train.BestMetric;
import dev.atelier.trainers.train.Checkpoint;
import dev.atelier.trainers.train.CheckpointIo;
import dev.atelier.trainers.train.CheckpointRetention;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SR checkpoints, in the GAN trainer's layout and file names ({@code checkpoints/final/}, {@code
 * checkpoints/step_NNNNNNN/}; {@code generator-0000.params} — the weight average when there is one
 * — {@code generator_raw-0000.params} beside an average, {@code discriminator-0000.params}, both
 * Adams' moments, {@code checkpoint.json}), written and pruned by the GAN trainer's code ({@link
 * CheckpointIo}, {@link CheckpointRetention}), so the MLflow upload, {@code upscale} and the
 * platform treat them alike. {@code checkpoint.json} names everything needed to rebuild the
 * generator without the spec ({@code g_width}, {@code residual_blocks}) and the trial identity a
 * resumed run must match.
 */
final class SrCheckpoint {
  static final int FORMAT = 1;
  static final String ADAM_G = "optimizer_generator.safetensors";
  static final String ADAM_D = "optimizer_discriminator.safetensors";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SrCheckpoint() {}

  /**
   * @param lowDLossSteps the divergence detector's run of steps with loss_d under the floor
   * @param quality the {@code keep_best_by} metric's latest value
   */
  record State(
      int step,
      int generatorUpdates,
      int discriminatorUpdates,
      int lowDLossSteps,
      Optional<BestMetric> quality) {
    static final State START = new State(0, 0, 0, 0, Optional.empty());
  }

  static void save(Path dir, SrTrialSpec spec, SrNets nets, Adam adamG, Adam adamD, State s)
      throws IOException {
    CheckpointIo.writeAtomically(
        dir,
        tmp -> {
          CheckpointIo.saveGenerators(tmp, nets.g(), nets.ema());
          nets.d().model.save(tmp, Checkpoint.DISCRIMINATOR);
          adamG.save(tmp.resolve(ADAM_G));
          adamD.save(tmp.resolve(ADAM_D));
          JSON.writeValue(
              tmp.resolve(Checkpoint.DESCRIPTOR).toFile(),
              describe(spec, nets.ema().isPresent(), s));
        });
  }

  static State load(Path dir, SrNets nets, Adam adamG, Adam adamD) throws IOException {
    JsonNode desc =
        Checkpoint.descriptor(dir)
            .orElseThrow(() -> new IOException(dir + "/checkpoint.json unreadable"));
    CheckpointIo.loadGenerators(dir, nets.g(), nets.ema());
    try {
      nets.d().model.load(dir, Checkpoint.DISCRIMINATOR);
    } catch (MalformedModelException e) {
      throw new IOException("checkpoint in " + dir + " cannot be loaded: " + e.getMessage(), e);
    }
    State s =
        new State(
            desc.path("step").asInt(),
            desc.path("generator_updates").asInt(),
            desc.path("discriminator_updates").asInt(),
            desc.path("low_d_loss_steps").asInt(),
            BestMetric.fromDescriptor(desc));
    adamG.load(dir.resolve(ADAM_G), s.generatorUpdates());
    adamD.load(dir.resolve(ADAM_D), s.discriminatorUpdates());
    return s;
  }

  /** The checkpoint of this trial with the most steps, fewer than the spec asks for. */
  static Optional<Path> latestResumable(SrTrialSpec spec) throws IOException {
    JsonNode trial = trial(spec);
    Path best = null;
    int bestStep = 0;
    for (Path dir : Checkpoint.candidates(spec.outputDir())) {
      Optional<JsonNode> desc = Checkpoint.descriptor(dir);
      if (desc.isEmpty()
          || desc.get().path("format").asInt() != FORMAT
          || !trial.equals(desc.get().path("trial"))) {
        continue;
      }
      int step = desc.get().path("step").asInt();
      if (step > bestStep && step < spec.hyperparams().steps()) {
        best = dir;
        bestStep = step;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Deletes this trial's step checkpoints but the last {@code keep_last} and the best by {@code
   * keep_best_by} (highest PSNR, lowest distance).
   */
  static void prune(SrTrialSpec spec) throws IOException {
    CheckpointRetention.prune(
        spec.outputDir(),
        trial(spec),
        spec.keepLast(),
        spec.keepBestBy(),
        spec.keepBestBy().equals(SrTrialSpec.PSNR));
  }

  /** What must match for a checkpoint to belong to this trial: all but the step budget. */
  static JsonNode trial(SrTrialSpec spec) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("model", SrTrialSpec.MODEL);
    t.put("image_size", spec.dataset().imageSize());
    Map<String, Object> hp = new LinkedHashMap<>(spec.hyperparams().asSpecMap());
    hp.remove("steps");
    t.put("hyperparams", hp);
    t.put("seed", spec.seed());
    t.put("augment_mirror", spec.mirror());
    spec.contentFeatures()
        .ifPresent(
            f ->
                t.put(
                    "content_features",
                    new TreeMap<>(
                        Map.of(
                            "path", f.path().toString(),
                            "weight", f.weight(),
                            "input_range", f.range().spec()))));
    try {
      return JSON.readTree(JSON.writeValueAsString(t)); // node types as read back from disk
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, Object> describe(SrTrialSpec spec, boolean average, State s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("model", SrTrialSpec.MODEL);
    m.put("step", s.step());
    m.put("steps", spec.hyperparams().steps());
    m.put("scale", SrTrialSpec.SCALE);
    m.put("image_size", spec.dataset().imageSize());
    m.put("input_size", spec.lowResSize());
    m.put("hyperparams", spec.hyperparams().asSpecMap());
    m.put("seed", spec.seed());
    m.put("trial_id", spec.trialId());
    m.put("trial", trial(spec));
    m.put("generator_is_weight_average", average);
    m.put("generator_input", "(N, 3, h, w) RGB in [-1, 1], any h and w (trained on input_size)");
    m.put("generator_output", "(N, 3, 4h, 4w) RGB, clamp to [-1, 1]");
    m.put("generator_updates", s.generatorUpdates());
    m.put("discriminator_updates", s.discriminatorUpdates());
    m.put("low_d_loss_steps", s.lowDLossSteps());
    s.quality().ifPresent(q -> m.put("quality", q.asDescriptor()));
    return m;
  }
}
