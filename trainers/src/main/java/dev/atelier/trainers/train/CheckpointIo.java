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
 * (and a resumed run ignores hidden folders). The GAN trainer's {@link #save}/{@link #load} and
 * srgan4x's checkpoints share {@link #writeAtomically} and the generator files ({@link
 * #saveGenerators}, {@link #loadGenerators}).
 */
public final class CheckpointIo {
  private CheckpointIo() {}

  /** Writes a checkpoint's files into a folder. */
  @FunctionalInterface
  public interface Contents {
    void writeInto(Path dir) throws IOException;
  }

  static void save(
      Path dir,
      dev.atelier.trainers.spec.TrialSpec spec,
      Networks nets,
      Adam adamG,
      Adam adamD,
      CheckpointState state)
      throws IOException {
    writeAtomically(
        dir,
        tmp -> {
          saveGenerators(tmp, nets.g(), nets.ema());
          nets.d().model.save(tmp, Checkpoint.DISCRIMINATOR);
          adamG.save(tmp.resolve(Checkpoint.ADAM_G));
          adamD.save(tmp.resolve(Checkpoint.ADAM_D));
          Checkpoint.JSON.writeValue(
              tmp.resolve(Checkpoint.DESCRIPTOR).toFile(), Checkpoint.describe(spec, nets, state));
        });
  }

  /** Writes {@code contents} into a hidden sibling of {@code dir}, then swaps it in. */
  public static void writeAtomically(Path dir, Contents contents) throws IOException {
    Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    contents.writeInto(tmp);
    Path old = dir.resolveSibling("." + dir.getFileName() + ".old");
    deleteTree(old);
    if (Files.exists(dir)) {
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /**
   * {@value Checkpoint#GENERATOR} is the generator to use — the weight average when there is one —
   * and {@value Checkpoint#GENERATOR_RAW} the trained generator, written only beside an average.
   */
  public static void saveGenerators(Path dir, Network g, Optional<Network> ema) throws IOException {
    ema.orElse(g).model.save(dir, Checkpoint.GENERATOR);
    if (ema.isPresent()) {
      g.model.save(dir, Checkpoint.GENERATOR_RAW);
    }
  }

  /** The reverse of {@link #saveGenerators}. */
  public static void loadGenerators(Path dir, Network g, Optional<Network> ema) throws IOException {
    try {
      if (ema.isPresent()) {
        ema.get().model.load(dir, Checkpoint.GENERATOR);
        g.model.load(dir, Checkpoint.GENERATOR_RAW);
      } else {
        g.model.load(dir, Checkpoint.GENERATOR);
      }
    } catch (MalformedModelException e) {
      throw new IOException("checkpoint in " + dir + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  /** Loads a checkpoint that {@link Checkpoint#resumableStep} accepted into the run's objects. */
  static CheckpointState load(Path dir, Networks nets, Adam adamG, Adam adamD) throws IOException {
    JsonNode d =
        Checkpoint.descriptor(dir)
            .orElseThrow(() -> new IOException(dir.resolve(Checkpoint.DESCRIPTOR) + " unreadable"));
    loadGenerators(dir, nets.g(), nets.ema());
    try {
      nets.d().model.load(dir, Checkpoint.DISCRIMINATOR);
    } catch (MalformedModelException e) {
      throw new IOException("checkpoint in " + dir + " cannot be loaded: " + e.getMessage(), e);
    }
    int gUpdates = d.path("generator_updates").asInt();
    int dUpdates = d.path("discriminator_updates").asInt();
    adamG.load(dir.resolve(Checkpoint.ADAM_G), gUpdates);
    adamD.load(dir.resolve(Checkpoint.ADAM_D), dUpdates);
    java.util.Map<String, Object> ada = new java.util.LinkedHashMap<>();
    JsonNode a = d.path("ada");
    if (a.isObject()) {
      ada.put("p", a.path("p").asDouble());
      ada.put("sign_sum", a.path("sign_sum").asDouble());
      ada.put("sign_steps", a.path("sign_steps").asInt());
      ada.put("rt", a.path("rt").isNumber() ? a.path("rt").asDouble() : Double.NaN);
    }
    return new CheckpointState(
        d.path("step").asInt(),
        gUpdates,
        dUpdates,
        d.path("low_d_loss_steps").asInt(),
        BestMetric.fromDescriptor(d),
        ada,
        // Written from a float, so the float read back is the one saved.
        d.path("pl_mean").isNumber() ? (float) d.path("pl_mean").asDouble() : 0f);
  }

  public static void deleteTree(Path dir) throws IOException {
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
