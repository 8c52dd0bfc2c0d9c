package dev.atelier.trainers.train;

import ai.djl.pytorch.jni.JniUtils;
import java.util.OptionalInt;

/**
 * Applies the spec's thread limit. The PyTorch engine reads the system properties {@value
 * #INTRA_OP} and {@value #INTER_OP} once, when it starts; setting the live value as well covers a
 * JVM (tests) where the engine started earlier.
 */
public final class EngineThreads {
  public static final String INTRA_OP = "ai.djl.pytorch.num_threads";
  public static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

  private EngineThreads() {}

  /** Before the engine loads: the inter-op pool can only be sized before its first use. */
  public static void presetProperties(OptionalInt threads) {
    threads.ifPresent(
        n -> {
          System.setProperty(INTRA_OP, Integer.toString(n));
          System.setProperty(INTER_OP, Integer.toString(n));
        });
  }

  public static void apply(OptionalInt threads) {
    threads.ifPresent(
        n -> {
          if (JniUtils.getNumThreads() != n) {
            JniUtils.setNumThreads(n);
          }
        });
  }
}
