package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;

/** (N, C, H, W) -> (N, C, 2H, 2W), each pixel copied into a 2x2 block. */
final class NearestUpsample {
  private NearestUpsample() {}

  static LambdaBlock block() {
    return new LambdaBlock(
        in -> {
          NDArray x = in.singletonOrThrow();
          return new NDList(x.repeat(2, 2).repeat(3, 2));
        },
        "nearestUpsample");
  }
}
