package dev.atelier.trainers.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The GAN architectures a spec may name. A DCGAN kind fixes the image size it generates; {@code
 * cdcgan*} are the same networks conditioned on the data set's classes (its sub-folders); {@code
 * progan} grows to whichever of its sizes {@code dataset.image_size} names; {@code r3gan} (R3GAN's
 * normalisation-free ResNets) and {@code stylegan2} are built for whichever of their sizes {@code
 * dataset.image_size} names.
 */
public enum ModelKind {
  DCGAN32("dcgan32", List.of(32), false, false),
  DCGAN64("dcgan64", List.of(64), false, false),
  DCGAN128("dcgan128", List.of(128), false, false),
  CDCGAN32("cdcgan32", List.of(32), true, false),
  CDCGAN64("cdcgan64", List.of(64), true, false),
  CDCGAN128("cdcgan128", List.of(128), true, false),
  PROGAN("progan", List.of(64, 32, 128), false, true),
  R3GAN("r3gan", List.of(32, 64, 128, 256), false, false),
  STYLEGAN2("stylegan2", List.of(32, 64, 128, 256), false, false);

  private final String specName;
  private final List<Integer> imageSizes;
  private final boolean conditional;
  private final boolean progressive;

  ModelKind(String specName, List<Integer> imageSizes, boolean conditional, boolean progressive) {
    this.specName = specName;
    this.imageSizes = imageSizes;
    this.conditional = conditional;
    this.progressive = progressive;
  }

  public String specName() {
    return specName;
  }

  /** The image size it generates; for {@code progan} the default of {@link #imageSizes()}. */
  public int imageSize() {
    return imageSizes.get(0);
  }

  /** The sizes {@code dataset.image_size} may take with this model. */
  public List<Integer> imageSizes() {
    return imageSizes;
  }

  /** Whether G and D take a class label (one per sub-folder of the data set). */
  public boolean conditional() {
    return conditional;
  }

  /**
   * Whether the networks grow from a small resolution during training (spec {@code progressive}).
   */
  public boolean progressive() {
    return progressive;
  }

  /**
   * Whether the network's size is {@code dataset.image_size} (one of {@link #imageSizes()}), to be
   * recorded with a checkpoint, rather than fixed by the kind.
   */
  public boolean sizedBySpec() {
    return imageSizes.size() > 1;
  }

  public static Optional<ModelKind> bySpecName(String name) {
    return Arrays.stream(values()).filter(k -> k.specName.equals(name)).findFirst();
  }

  public static List<String> specNames() {
    return Arrays.stream(values()).map(ModelKind::specName).toList();
  }
}
