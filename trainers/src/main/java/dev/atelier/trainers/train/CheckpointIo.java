package dev.atelier.trainers.train;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes and reads complete checkpoints. A checkpoint is written into a hidden sibling folder and
 * swapped in by renames, so a crash mid-write never leaves a half checkpoint under the real name
 * (and a resumed run ignores hidden folders).
 */
final class CheckpointIo {
  private CheckpointIo() {}

  static void save(
      Path dir,
      dev.atelier.trainers.spec.TrialSpec spec,
      Networks nets,
      Adam adamG,
      Adam adamD,
      CheckpointState state)
      throws IOException {
    Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    nets.exported().model.save(tmp, Checkpoint.GENERATOR);
    if (nets.ema().isPresent()) {
      nets.g().model.save(tmp, Checkpoint.GENERATOR_RAW);
    }
    nets.d().model.save(tmp, Checkpoint.DISCRIMINATOR);
    adamG.save(tmp.resolve(Checkpoint.ADAM_G));
    adamD.save(tmp.resolve(Checkpoint.ADAM_D));
    Checkpoint.JSON.writeValue(
        tmp.resolve(Checkpoint.DESCRIPTOR).toFile(), Checkpoint.describe(spec, nets, state));
    Path old = dir.resolveSibling("." + dir.getFileName() + ".old");
    deleteTree(old);
    if (Files.exists(dir)) {
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /** Loads a checkpoint that {@link Checkpoint#resumableStep} accepted into the run's objects. */
  static CheckpointState load(Path dir, Networks nets, Adam adamG, Adam adamD) throws IOException {
    JsonNode d =
        Checkpoint.descriptor(dir)
            .orElseThrow(() -> new IOException(dir.resolve(Checkpoint.DESCRIPTOR) + " unreadable"));
    try {
      if (nets.ema().isPresent()) {
        nets.ema().get().model.load(dir, Checkpoint.GENERATOR);
        nets.g().model.load(dir, Checkpoint.GENERATOR_RAW);
      } else {
        nets.g().model.load(dir, Checkpoint.GENERATOR);
      }
      nets.d().model.load(dir, Checkpoint.DISCRIMINATOR);
    } catch (MalformedModelException e) {
      throw new IOException("checkpoint in " + dir + " cannot be loaded: " + e.getMessage(), e);
    }
    int gUpdates = d.path("generator_updates").asInt();
    int dUpdates = d.path("discriminator_updates").asInt();
    adamG.load(dir.resolve(Checkpoint.ADAM_G), gUpdates);
    adamD.load(dir.resolve(Checkpoint.ADAM_D), dUpdates);
    JsonNode q = d.path("quality");
    Optional<CheckpointState.Quality> quality =
        q.isObject()
            ? Optional.of(
                new CheckpointState.Quality(
                    q.path("metric").asText(),
                    q.path("value").asDouble(),
                    q.path("measured_at_step").asInt()))
            : Optional.empty();
    return new CheckpointState(
        d.path("step").asInt(), gUpdates, dUpdates, d.path("low_d_loss_steps").asInt(), quality);
  }

  static void deleteTree(Path dir) throws IOException {
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
