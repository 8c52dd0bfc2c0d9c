package dev.atelier.trainers.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.spec.BadSpecException;
import dev.atelier.trainers.spec.TrialSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Population-based training's exploit step on the trainer's side: a trial with {@code init_from}
 * and no checkpoint of its own starts from another trial's checkpoint — G, the weight average, D,
 * both Adams' moments and counts, and the step — and trains on with its own hyperparameters. The
 * learning rates, betas, loss and the rest may differ; what fixes the tensors' shapes may not
 * (model, image size, latent_dim, widths, D's BatchNorm, the weight average, the classes, the
 * growth schedule's start), and a mismatch is a bad spec naming the field. The trial's own
 * checkpoints carry its own identity, so a relaunch resumes from them, not from the donor.
 */
public final class InitFrom {
  private InitFrom() {}

  /**
   * The donor checkpoint's step when this trial will start from it: the spec has {@code init_from}
   * and the output folder holds no resumable checkpoint of its own; empty otherwise.
   *
   * @throws BadSpecException naming {@code init_from} and each field that does not match
   */
  public static OptionalInt step(TrialSpec spec, ImageDataset data)
      throws BadSpecException, IOException {
    if (spec.initFrom().isEmpty()
        || Checkpoint.latestResumable(spec.outputDir(), spec).isPresent()) {
      return OptionalInt.empty();
    }
    Path dir = spec.initFrom().get();
    Optional<JsonNode> read = Checkpoint.descriptor(dir);
    if (read.isEmpty()) {
      throw new BadSpecException(
          List.of(
              "init_from.path: '"
                  + dir
                  + "' holds no readable "
                  + Checkpoint.DESCRIPTOR
                  + ": it must be a checkpoint folder (checkpoints/final or checkpoints/step_N)"));
    }
    JsonNode d = read.get();
    List<String> bad = new ArrayList<>();
    if (d.path("format").asInt() != Checkpoint.FORMAT) {
      bad.add(mismatch("format", d.path("format").asText(), Checkpoint.FORMAT));
    }
    same(bad, "model", d.path("model").asText(), spec.model().specName());
    same(bad, "dataset.image_size", d.path("image_size").asInt(), spec.dataset().imageSize());
    JsonNode hp = d.path("hyperparams");
    same(
        bad,
        "hyperparams.latent_dim",
        hp.path("latent_dim").asInt(),
        spec.hyperparams().latentDim());
    same(bad, "hyperparams.g_width", hp.path("g_width").asInt(), spec.hyperparams().gWidth());
    same(bad, "hyperparams.d_width", hp.path("d_width").asInt(), spec.hyperparams().dWidth());
    if (spec.hyperparams().wDim() > 0) {
      same(bad, "hyperparams.w_dim", hp.path("w_dim").asInt(), spec.hyperparams().wDim());
      same(
          bad,
          "hyperparams.mapping_layers",
          hp.path("mapping_layers").asInt(),
          spec.hyperparams().mappingLayers());
    }
    if (spec.hyperparams().blocksPerStage() > 0) {
      same(
          bad,
          "hyperparams.blocks_per_stage",
          hp.path("blocks_per_stage").asInt(),
          spec.hyperparams().blocksPerStage());
      same(
          bad,
          "hyperparams.group_channels",
          hp.path("group_channels").asInt(),
          spec.hyperparams().groupChannels());
    }
    same(
        bad,
        "hyperparams.ema_decay (a weight average or none)",
        d.path("generator_is_weight_average").asBoolean(),
        spec.hyperparams().emaDecay() > 0);
    same(
        bad,
        "hyperparams.loss / r1_gamma (D with or without BatchNorm)",
        d.path("discriminator_batchnorm").asBoolean(),
        !spec.hyperparams().gradientPenalty());
    if (spec.model().conditional()) {
      List<String> classes = new ArrayList<>();
      d.path("class_names").forEach(c -> classes.add(c.asText()));
      same(bad, "dataset.path's classes", classes, data.classNames());
    }
    spec.progressive()
        .ifPresent(
            p ->
                same(
                    bad,
                    "progressive.start_size",
                    d.path("progressive").path("start_size").asInt(),
                    p.startSize()));
    int step = d.path("step").asInt();
    boolean evaluation = step == spec.hyperparams().steps();
    List<String> needed =
        evaluation
            ? List.of(Checkpoint.GENERATOR + "-0000.params")
            : resumeFiles(d.path("generator_is_weight_average").asBoolean());
    for (String f : needed) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        // An exported checkpoint (as MLflow holds it) lacks the optimizer state a run resumes.
        bad.add(
            "init_from.path: '"
                + dir
                + "' lacks "
                + f
                + (evaluation
                    ? ": it must hold the checkpoint's generator"
                    : ": it must be a complete checkpoint"));
      }
    }
    if (step > spec.hyperparams().steps()) {
      bad.add(
          "init_from: the checkpoint in '"
              + dir
              + "' holds "
              + step
              + " steps; hyperparams.steps ("
              + spec.hyperparams().steps()
              + ") must be at least that: more to train on from it, or equal to evaluate it");
    }
    if (!bad.isEmpty()) {
      throw new BadSpecException(bad);
    }
    return OptionalInt.of(step);
  }

  /**
   * Loads the donor checkpoint into this run's objects: its state, with the donor's counters; for
   * an evaluation ({@code steps} equal to the checkpoint's step) the generator to use only, so an
   * exported checkpoint as MLflow holds it (a promoted champion) is enough.
   */
  static CheckpointState load(Path dir, Networks nets, Adam adamG, Adam adamD, int steps)
      throws IOException {
    JsonNode d =
        Checkpoint.descriptor(dir)
            .orElseThrow(() -> new IOException(dir.resolve(Checkpoint.DESCRIPTOR) + " unreadable"));
    int step = d.path("step").asInt();
    if (step == steps) {
      try {
        nets.exported().model.load(dir, Checkpoint.GENERATOR);
      } catch (ai.djl.MalformedModelException e) {
        throw new IOException("checkpoint in " + dir + " cannot be loaded: " + e.getMessage(), e);
      }
      return new CheckpointState(step, 0, 0, 0, Optional.empty());
    }
    return load(dir, nets, adamG, adamD);
  }

  private static CheckpointState load(Path dir, Networks nets, Adam adamG, Adam adamD)
      throws IOException {
    CheckpointState donor = CheckpointIo.load(dir, nets, adamG, adamD);
    // The donor's best-metric record is about the donor's checkpoints, not this trial's.
    return new CheckpointState(
        donor.step(),
        donor.generatorUpdates(),
        donor.discriminatorUpdates(),
        donor.lowDLossSteps(),
        Optional.empty(),
        // ADA's p goes with the discriminator that was trained at it.
        donor.ada(),
        // The running mean path length goes with the generator it was measured on.
        donor.plMean());
  }

  private static List<String> resumeFiles(boolean weightAverage) {
    List<String> files = new ArrayList<>();
    files.add(Checkpoint.GENERATOR + "-0000.params");
    if (weightAverage) {
      files.add(Checkpoint.GENERATOR_RAW + "-0000.params");
    }
    files.add(Checkpoint.DISCRIMINATOR + "-0000.params");
    files.add(Checkpoint.ADAM_G);
    files.add(Checkpoint.ADAM_D);
    return files;
  }

  private static void same(List<String> bad, String field, Object donor, Object ours) {
    if (!Objects.equals(donor, ours)) {
      bad.add(mismatch(field, donor, ours));
    }
  }

  private static String mismatch(String field, Object donor, Object ours) {
    return "init_from: the checkpoint's "
        + field
        + " is "
        + donor
        + ", this spec's is "
        + ours
        + ": the architecture must match to start from it";
  }
}
