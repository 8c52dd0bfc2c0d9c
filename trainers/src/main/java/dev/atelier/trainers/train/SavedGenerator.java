package dev.atelier.trainers.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.trainers.model.GrowthStage;
import dev.atelier.trainers.spec.ModelKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a checkpoint's {@value Checkpoint#DESCRIPTOR} says about its generator, per family: the
 * DCGANs need the model, {@code latent_dim} and {@code g_width}; a conditional one also its {@code
 * class_names} (label i is the i-th); {@code progan} also the growth stage its weights last trained
 * at ({@code progressive.start_size}, {@code level}, {@code alpha}, {@code resolution}). {@link
 * #read} checks each field and names the file, the field and what is wrong.
 *
 * @param imageSize the size images are drawn at: the model's, or for progan {@code image_size}, to
 *     which the stage's resolution is doubled (nearest neighbour) exactly as the trial's grids and
 *     walk were
 * @param classes a conditional model's class names; empty otherwise
 * @param growth progan's stage; empty otherwise
 * @param blocksPerStage r3gan's {@code hyperparams.blocks_per_stage}; 0 otherwise
 * @param groupChannels r3gan's {@code hyperparams.group_channels}; 0 otherwise
 * @param wDim stylegan2's {@code hyperparams.w_dim}; 0 otherwise
 * @param mappingLayers stylegan2's {@code hyperparams.mapping_layers}; 0 otherwise
 */
record SavedGenerator(
    ModelKind kind,
    int latentDim,
    int width,
    int imageSize,
    List<String> classes,
    Optional<Growth> growth,
    int blocksPerStage,
    int groupChannels,
    int wDim,
    int mappingLayers) {

  /**
   * progan's stage in a checkpoint: the level above {@code startSize} and its fade-in alpha, which
   * draw images at {@code resolution}.
   */
  record Growth(int startSize, int level, double alpha, int resolution) {}

  /**
   * @throws IllegalArgumentException a field is missing or breaks its rule (the message names it)
   */
  static SavedGenerator read(Path dir, JsonNode d) {
    String file = dir.resolve(Checkpoint.DESCRIPTOR).toString();
    String model = d.path("model").asText();
    ModelKind kind =
        ModelKind.bySpecName(model)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "'"
                            + dir
                            + "' is a checkpoint of model \""
                            + model
                            + "\"; generators are loaded from "
                            + ModelKind.specNames()
                            + " checkpoints"));
    int latentDim = positive(d.path("hyperparams"), "hyperparams.latent_dim", file);
    int width = positive(d.path("hyperparams"), "hyperparams.g_width", file);
    List<String> classes = kind.conditional() ? classes(d, file) : List.of();
    Optional<Growth> growth = Optional.empty();
    int size = kind.imageSize();
    if (kind.progressive()) {
      size = positive(d, "image_size", file);
      growth = Optional.of(growth(d.path("progressive"), size, file));
    }
    int blocks = 0;
    int groupChannels = 0;
    if (kind.sizedBySpec() && !kind.progressive()) {
      size = positive(d, "image_size", file);
      if (!kind.imageSizes().contains(size)) {
        throw new IllegalArgumentException(
            file + ": image_size: " + size + " is not one of " + kind.imageSizes());
      }
    }
    if (kind == ModelKind.R3GAN) {
      blocks = positive(d.path("hyperparams"), "hyperparams.blocks_per_stage", file);
      groupChannels = positive(d.path("hyperparams"), "hyperparams.group_channels", file);
    }
    int wDim = 0;
    int mappingLayers = 0;
    if (kind == ModelKind.STYLEGAN2) {
      wDim = positive(d.path("hyperparams"), "hyperparams.w_dim", file);
      mappingLayers = positive(d.path("hyperparams"), "hyperparams.mapping_layers", file);
    }
    return new SavedGenerator(
        kind, latentDim, width, size, classes, growth, blocks, groupChannels, wDim, mappingLayers);
  }

  /** The generator's block, its stage set from the checkpoint for progan. */
  Block block() {
    Optional<GrowthStage> stage =
        growth.map(
            g -> {
              GrowthStage st = new GrowthStage();
              st.set(g.level(), g.alpha());
              return st;
            });
    int startSize = growth.map(Growth::startSize).orElse(0);
    return Networks.generator(
        kind,
        latentDim,
        width,
        imageSize,
        startSize,
        stage,
        blocksPerStage,
        groupChannels,
        wDim,
        mappingLayers);
  }

  /** The shapes the block is initialised with before its weights are loaded. */
  Shape[] inputShapes() {
    return Networks.generatorInputs(1, latentDim, classes.size());
  }

  private static List<String> classes(JsonNode d, String file) {
    JsonNode names = d.path("class_names");
    if (!names.isArray() || names.size() < 2) {
      throw new IllegalArgumentException(
          file
              + ": class_names"
              + (names.isMissingNode()
                  ? " is missing"
                  : ": " + names + " is not a list of 2+ names")
              + " (a conditional model's classes, in label order)");
    }
    List<String> out = new ArrayList<>();
    names.forEach(n -> out.add(n.asText()));
    JsonNode count = d.path("num_classes");
    if (!count.isMissingNode() && count.asInt() != out.size()) {
      throw new IllegalArgumentException(
          file + ": num_classes: " + count + " differs from the " + out.size() + " class_names");
    }
    return List.copyOf(out);
  }

  private static Growth growth(JsonNode p, int size, String file) {
    if (!p.isObject()) {
      throw new IllegalArgumentException(
          file + ": progressive is missing (progan's growth stage: start_size, level, alpha)");
    }
    int start = positive(p, "progressive.start_size", file);
    JsonNode levelNode = p.path("level");
    if (!levelNode.canConvertToInt() || levelNode.asInt() < 0) {
      throw new IllegalArgumentException(
          file + ": progressive.level: " + levelNode + " is not an integer >= 0");
    }
    int level = levelNode.asInt();
    int resolution = start << level;
    if (level > 16 || resolution > size) {
      throw new IllegalArgumentException(
          file
              + ": progressive.level: "
              + level
              + " at start_size "
              + start
              + " gives "
              + resolution
              + ", beyond image_size "
              + size);
    }
    JsonNode alphaNode = p.path("alpha");
    double alpha = alphaNode.asDouble(Double.NaN);
    if (!alphaNode.isNumber() || !(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException(
          file + ": progressive.alpha: " + alphaNode + " is not a number in [0, 1]");
    }
    return new Growth(start, level, alpha, resolution);
  }

  private static int positive(JsonNode parent, String field, String file) {
    JsonNode v = parent.path(field.substring(field.lastIndexOf('.') + 1));
    if (!v.canConvertToInt() || v.asInt() < 1) {
      throw new IllegalArgumentException(
          file
              + ": "
              + field
              + (v.isMissingNode() ? " is missing" : ": " + v + " is not an integer >= 1"));
    }
    return v.asInt();
  }
}
