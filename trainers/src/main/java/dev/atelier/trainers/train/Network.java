package dev.atelier.trainers.train;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import dev.atelier.trainers.model.InitialWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * One network of the GAN: its DJL model (which saves and loads it) and block, initialised with N(0,
 * 0.02) weights (or a block's own {@link InitialWeights}), and its parameters by name in a stable
 * order, so optimizer state and weight averages can be paired with them and saved by name.
 */
public final class Network implements AutoCloseable {
  public final Model model;
  public final Block block;

  /** Every parameter (BatchNorm statistics included), in the block's order. */
  public final List<Pair<String, Parameter>> all;

  /** The parameters the optimizer updates, in the block's order. */
  public final List<Pair<String, Parameter>> trainable;

  private Network(Model model, Block block) {
    this.model = model;
    this.block = block;
    this.all = new ArrayList<>();
    block.getParameters().forEach(all::add);
    this.trainable = all.stream().filter(p -> p.getValue().requiresGradient()).toList();
  }

  public static Network create(String name, Block block, Shape... inputShapes) {
    return create(name, block, DataType.FLOAT32, inputShapes);
  }

  static Network create(String name, Block block, Shape inputShape, DataType type) {
    return create(name, block, type, inputShape);
  }

  private static Network create(String name, Block block, DataType type, Shape... inputShapes) {
    float std = block instanceof InitialWeights w ? w.initialWeightStd() : 0.02f;
    return create(name, block, new NormalInitializer(std), type, inputShapes);
  }

  /**
   * A network whose weights will be copied in from another of the same architecture (a snapshot of
   * the exported generator): its weights start at zero, so building it draws nothing from the
   * engine's random stream, which initialised the trial's own networks.
   */
  static Network replica(String name, Block block, Shape... inputShapes) {
    return create(name, block, Initializer.ZEROS, DataType.FLOAT32, inputShapes);
  }

  private static Network create(
      String name, Block block, Initializer weights, DataType type, Shape... inputShapes) {
    Model model = Model.newInstance(name, TrainingDevice.get(), "PyTorch");
    model.setBlock(block);
    // Model.save otherwise numbers files one past the newest it finds: name-0001.params, ...
    model.setProperty("Epoch", "0");
    block.setInitializer(weights, Parameter.Type.WEIGHT);
    if (weights == Initializer.ZEROS) {
      // A replica: blocks that initialise their own parameters (r3gan's) draw nothing either.
      block.setInitializer(Initializer.ZEROS, p -> true);
    }
    model.setDataType(type);
    block.initialize(model.getNDManager(), type, inputShapes);
    return new Network(model, block);
  }

  @Override
  public void close() {
    model.close();
  }
}
