package dev.atelier.trainers.sr;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Adam;
import dev.atelier.trainers.train.Checkpoint;
import dev.atelier.trainers.train.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * SR checkpoints, in the GAN trainer's layout and file names ({@code checkpoints/final/}, {@code
 * checkpoints/step_NNNNNNN/}; {@code generator-0000.params}, {@code discriminator-0000.params},
 * both Adams' moments, {@code checkpoint.json}), so the MLflow upload and the platform treat them
 * alike. Each is written into a hidden folder and swapped in by renames. {@code checkpoint.json}
 * names everything needed to rebuild the generator without the spec ({@code g_width}, {@code
 * residual_blocks}) and the trial identity a resumed run must match.
 */
final class SrCheckpoint {
  static final int FORMAT = 1;
  static final String ADAM_G = "optimizer_generator.safetensors";
  static final String ADAM_D = "optimizer_discriminator.safetensors";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SrCheckpoint() {}

  record State(int step, int generatorUpdates, int discriminatorUpdates) {}

  static void save(
      Path dir, SrTrialSpec spec, Network g, Network d, Adam adamG, Adam adamD, State s)
      throws IOException {
    Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    g.model.save(tmp, Checkpoint.GENERATOR);
    d.model.save(tmp, Checkpoint.DISCRIMINATOR);
    adamG.save(tmp.resolve(ADAM_G));
    adamD.save(tmp.resolve(ADAM_D));
    JSON.writeValue(tmp.resolve(Checkpoint.DESCRIPTOR).toFile(), describe(spec, s));
    Path old = dir.resolveSibling("." + dir.getFileName() + ".old");
    deleteTree(old);
    if (Files.exists(dir)) {
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  static State load(Path dir, Network g, Network d, Adam adamG, Adam adamD) throws IOException {
    JsonNode desc =
        descriptor(dir).orElseThrow(() -> new IOException(dir + "/checkpoint.json unreadable"));
    try {
      g.model.load(dir, Checkpoint.GENERATOR);
      d.model.load(dir, Checkpoint.DISCRIMINATOR);
    } catch (MalformedModelException e) {
      throw new IOException("checkpoint in " + dir + " cannot be loaded: " + e.getMessage(), e);
    }
    State s =
        new State(
            desc.path("step").asInt(),
            desc.path("generator_updates").asInt(),
            desc.path("discriminator_updates").asInt());
    adamG.load(dir.resolve(ADAM_G), s.generatorUpdates());
    adamD.load(dir.resolve(ADAM_D), s.discriminatorUpdates());
    return s;
  }

  /** The checkpoint of this trial with the most steps, fewer than the spec asks for. */
  static Optional<Path> latestResumable(SrTrialSpec spec) throws IOException {
    JsonNode trial = trial(spec);
    Path best = null;
    int bestStep = 0;
    for (Path dir : candidates(spec.outputDir())) {
      Optional<JsonNode> desc = descriptor(dir);
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

  /** Deletes this trial's step checkpoints but the last {@code keep_last}. */
  static void prune(SrTrialSpec spec) throws IOException {
    JsonNode trial = trial(spec);
    List<Path> mine = new ArrayList<>();
    for (Path dir : candidates(spec.outputDir())) {
      if (dir.getFileName().toString().startsWith("step_")
          && descriptor(dir).filter(d -> trial.equals(d.path("trial"))).isPresent()) {
        mine.add(dir); // candidates are sorted, and step_NNNNNNN sorts by step
      }
    }
    for (int i = 0; i < mine.size() - spec.keepLast(); i++) {
      deleteTree(mine.get(i));
    }
  }

  static Optional<JsonNode> descriptor(Path dir) {
    Path file = dir.resolve(Checkpoint.DESCRIPTOR);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      return Optional.empty();
    }
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
                    new java.util.TreeMap<>(
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

  private static Map<String, Object> describe(SrTrialSpec spec, State s) {
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
    m.put("generator_input", "(N, 3, h, w) RGB in [-1, 1], any h and w (trained on input_size)");
    m.put("generator_output", "(N, 3, 4h, 4w) RGB, clamp to [-1, 1]");
    m.put("generator_updates", s.generatorUpdates());
    m.put("discriminator_updates", s.discriminatorUpdates());
    return m;
  }

  private static List<Path> candidates(Path outputDir) throws IOException {
    Path root = Checkpoint.root(outputDir);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
