package dev.atelier.trainers.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The super-resolution generator's pixel content loss against the ground truth. */
public enum ContentLoss {
  /** Mean absolute error: sharper edges than MSE for the same PSNR budget (EDSR's choice). */
  L1("l1"),
  /** Mean squared error: the loss PSNR measures (SRResNet's choice). */
  MSE("mse");

  private final String specName;

  ContentLoss(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }

  public static Optional<ContentLoss> bySpecName(String name) {
    return Arrays.stream(values()).filter(k -> k.specName.equals(name)).findFirst();
  }

  public static List<String> specNames() {
    return Arrays.stream(values()).map(ContentLoss::specName).toList();
  }
}
