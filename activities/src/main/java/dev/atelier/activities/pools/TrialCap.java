package dev.atelier.activities.pools;

import dev.atelier.workflows.temporal.TrialSlots;
import java.util.function.Function;

/**
 * How many trials run at once across every sweep and Dag run: the size of the built-in trial pool
 * ({@link TrialSlots#POOL}). The app's {@code atelier.trials.max-concurrent}, else {@value
 * #VARIABLE}, else {@value #DEFAULT}, which suits one machine training on its CPUs; a cluster with
 * more GPUs raises it.
 */
public final class TrialCap {
  public static final int DEFAULT = 8;
  public static final String VARIABLE = "ATELIER_MAX_CONCURRENT_TRIALS";

  private TrialCap() {}

  /**
   * @param configured the app's setting, or null to read {@value #VARIABLE}
   * @throws IllegalArgumentException naming the setting, the value and the rule
   */
  public static int of(Integer configured, Function<String, String> env) {
    if (configured != null) {
      return check(configured);
    }
    String text = env.apply(VARIABLE);
    if (text == null || text.isBlank()) {
      return DEFAULT;
    }
    try {
      return check(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          VARIABLE + ": '" + text + "' is not a whole number of trials (e.g. " + DEFAULT + ")");
    }
  }

  /**
   * @throws IllegalArgumentException when {@code value} is below 1 (no trial could ever run)
   */
  public static int check(int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          TrialSlots.SETTING
              + " ("
              + VARIABLE
              + "): "
              + value
              + " must be at least 1, the number of trials that may run at once (default "
              + DEFAULT
              + ")");
    }
    return value;
  }
}
