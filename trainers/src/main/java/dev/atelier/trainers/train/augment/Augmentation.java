package dev.atelier.trainers.train.augment;

import ai.djl.ndarray.NDArray;
import java.util.Random;

/** A random, differentiable transform of an (N, 3, H, W) batch, drawn per image. */
public interface Augmentation {
  NDArray apply(NDArray x, Random random);
}
