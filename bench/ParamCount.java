// Prints the trainable parameter counts of the trainer's own blocks, so the benchmarks can show
// that the PyTorch reference has the same architecture. A single-file program:
//   java -cp <trainer jar and classpath> bench/ParamCount.java dcgan64 LATENT G_WIDTH D_WIDTH
//   java -cp <...> bench/ParamCount.java stylegan2|r3gan LATENT G_WIDTH D_WIDTH IMAGE_SIZE
// (stylegan2 and r3gan at the trainer's defaults otherwise: w_dim = LATENT, 2 mapping layers;
// 2 blocks per stage, 16 channels per group).
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.atelier.trainers.model.Dcgan;
import dev.atelier.trainers.model.R3ganDiscriminator;
import dev.atelier.trainers.model.R3ganGenerator;
import dev.atelier.trainers.model.R3ganShape;
import dev.atelier.trainers.model.StyleGan2Discriminator;
import dev.atelier.trainers.model.StyleGan2Generator;
import dev.atelier.trainers.model.StyleGan2Shape;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.ModelKind;

public class ParamCount {
  public static void main(String[] args) {
    ModelKind kind = ModelKind.bySpecName(args[0]).orElseThrow();
    int latent = Integer.parseInt(args[1]);
    int gw = Integer.parseInt(args[2]);
    int dw = Integer.parseInt(args[3]);
    int size = args.length > 4 ? Integer.parseInt(args[4]) : kind.imageSize();
    int blocks = Hyperparams.R3GAN_BLOCKS_PER_STAGE;
    int groups = Hyperparams.R3GAN_GROUP_CHANNELS;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block g;
      Block d;
      if (kind == ModelKind.STYLEGAN2) {
        int mapping = Hyperparams.STYLEGAN2_MAPPING_LAYERS;
        g = new StyleGan2Generator(latent, latent, mapping, new StyleGan2Shape(gw, size));
        d = new StyleGan2Discriminator(new StyleGan2Shape(dw, size));
      } else if (kind == ModelKind.R3GAN) {
        g = new R3ganGenerator(latent, new R3ganShape(gw, size, blocks, groups));
        d = new R3ganDiscriminator(new R3ganShape(dw, size, blocks, groups));
      } else {
        g = Dcgan.generator(kind, latent, gw);
        d = Dcgan.discriminator(kind, dw);
      }
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
