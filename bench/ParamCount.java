// Prints the trainable parameter counts of the trainer's own DCGAN blocks, so the benchmark can show
// that the PyTorch reference has the same architecture. A single-file program:
//   java -cp <trainer jar and classpath> bench/ParamCount.java dcgan64 LATENT G_WIDTH D_WIDTH
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.spec.ModelKind;

public class ParamCount {
  public static void main(String[] args) {
    ModelKind kind = ModelKind.bySpecName(args[0]).orElseThrow();
    int latent = Integer.parseInt(args[1]);
    int size = kind.imageSize();
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block g = Dcgan.generator(kind, latent, Integer.parseInt(args[2]));
      Block d = Dcgan.discriminator(kind, Integer.parseInt(args[3]));
      g.initialize(manager, DataType.FLOAT32, new Shape(1, latent));
      d.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
      System.out.println("params_g " + trainable(g));
      System.out.println("params_d " + trainable(d));
    }
  }

  private static long trainable(Block block) {
    return block.getParameters().values().stream()
        .filter(Parameter::requiresGradient)
        .mapToLong(p -> p.getArray().size())
        .sum();
  }
}
