package dev.atelier.trainers.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The GAN architectures a spec may name; each fixes the image size it generates. */
public enum ModelKind {
  DCGAN32("dcgan32", 32),
  DCGAN64("dcgan64", 64),
  DCGAN128("dcgan128", 128);

  private final String specName;
  private final int imageSize;

  ModelKind(String specName, int imageSize) {
    this.specName = specName;
    this.imageSize = imageSize;
  }

  public String specName() {
    return specName;
  }

  public int imageSize() {
    return imageSize;
  }

  public static Optional<ModelKind> bySpecName(String name) {
    return Arrays.stream(values()).filter(k -> k.specName.equals(name)).findFirst();
  }

  public static List<String> specNames() {
    return Arrays.stream(values()).map(ModelKind::specName).toList();
  }
}
