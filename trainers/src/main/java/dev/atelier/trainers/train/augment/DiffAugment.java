package dev.atelier.trainers.train.augment;

import ai.djl.ndarray.NDArray;
import dev.atelier.trainers.spec.AugmentSpec.DiffAug;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

/**
 * The spec's DiffAugment policies, applied in the authors' order (color, translation, cutout)
 * whatever order the spec lists them in.
 */
public final class DiffAugment implements Augmentation {
  private final List<Augmentation> steps;

  private DiffAugment(List<Augmentation> steps) {
    this.steps = steps;
  }

  public static DiffAugment of(List<DiffAug> policies) {
    EnumSet<DiffAug> on =
        policies.isEmpty() ? EnumSet.noneOf(DiffAug.class) : EnumSet.copyOf(policies);
    List<Augmentation> steps = new ArrayList<>();
    for (DiffAug a : on) { // EnumSet iterates in declaration order: color, translation, cutout
      steps.add(
          switch (a) {
            case COLOR -> new ColorAugment();
            case TRANSLATION -> new TranslationAugment();
            case CUTOUT -> new CutoutAugment();
          });
    }
    return new DiffAugment(List.copyOf(steps));
  }

  public boolean isIdentity() {
    return steps.isEmpty();
  }

  @Override
  public NDArray apply(NDArray x, Random random) {
    NDArray y = x;
    for (Augmentation a : steps) {
      y = a.apply(y, random);
    }
    return y;
  }
}
