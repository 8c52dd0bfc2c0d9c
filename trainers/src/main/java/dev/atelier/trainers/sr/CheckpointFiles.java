package dev.atelier.trainers.sr;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.train.Checkpoint;
import dev.atelier.trainers.train.Network;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads the SR generator {@code upscale} runs from an srgan4x checkpoint folder, rebuilding the
 * network from what {@code checkpoint.json} says (widths, depth) before loading its weights (a GAN
 * generator comes through {@link dev.atelier.trainers.train.CheckpointGenerator}). A folder of the
 * wrong kind, or weights that do not fit the description, is an {@link Unusable} naming the option
 * and the folder.
 */
final class CheckpointFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CheckpointFiles() {}

  /** A checkpoint that cannot serve the option it was given for; the message says why. */
  static final class Unusable extends Exception {
    Unusable(String message) {
      super(message);
    }
  }

  /** An SR generator and the input size it was trained on. */
  record Sr(Network net, int inputSize) implements AutoCloseable {
    @Override
    public void close() {
      net.close();
    }
  }

  static Sr sr(Path dir) throws Unusable, IOException {
    JsonNode d = descriptor("--sr", dir);
    String model = d.path("model").asText("");
    if (!model.equals(SrTrialSpec.MODEL)) {
      throw new Unusable(
          "--sr: '"
              + dir
              + "' is a checkpoint of model \""
              + model
              + "\", not \""
              + SrTrialSpec.MODEL
              + "\" (train one with model srgan4x)");
    }
    JsonNode hp = d.path("hyperparams");
    int inputSize = d.path("input_size").asInt(16);
    Block block =
        SrNetworks.generator(hp.path("g_width").asInt(), hp.path("residual_blocks").asInt());
    return new Sr(load("--sr", dir, block, new Shape(1, 3, inputSize, inputSize)), inputSize);
  }

  private static JsonNode descriptor(String option, Path dir) throws Unusable {
    try {
      return JSON.readTree(dir.resolve(Checkpoint.DESCRIPTOR).toFile());
    } catch (IOException e) {
      throw new Unusable(
          option + ": '" + dir + "/checkpoint.json' is not readable JSON: " + e.getMessage());
    }
  }

  private static Network load(String option, Path dir, Block block, Shape input)
      throws Unusable, IOException {
    Network net = Network.create(Checkpoint.GENERATOR, block, input);
    try {
      net.model.load(dir, Checkpoint.GENERATOR);
      return net;
    } catch (MalformedModelException | IOException | RuntimeException e) {
      net.close();
      throw new Unusable(
          option
              + ": '"
              + dir
              + "' has no generator weights matching its checkpoint.json ("
              + e.getMessage()
              + ")");
    }
  }
}
