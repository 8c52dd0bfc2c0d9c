package dev.atelier.activities.pools;

import dev.atelier.workflows.temporal.TrialSlots;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pool sizes from a {@code name=slots,name=slots} setting. Airflow's {@code default_pool} (128
 * slots) is always there unless the setting sizes it; the built-in trial pool ({@link
 * TrialSlots#POOL}) is sized by the cap on trials at once ({@link TrialCap}), never here.
 */
public final class PoolSizes {
  public static final String DEFAULT_POOL = "default_pool";
  static final int DEFAULT_POOL_SLOTS = 128;

  private PoolSizes() {}

  /**
   * @throws IllegalArgumentException naming the bad entry and the rule
   */
  public static Map<String, Integer> parse(String setting) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put(DEFAULT_POOL, DEFAULT_POOL_SLOTS);
    if (setting == null || setting.isBlank()) {
      return sizes;
    }
    for (String entry : setting.split(",")) {
      String[] kv = entry.trim().split("=", 2);
      Integer slots = kv.length == 2 ? slots(kv[1].trim()) : null;
      if (kv.length != 2 || kv[0].isBlank() || slots == null || slots < 0) {
        throw new IllegalArgumentException(
            "ATELIER_POOLS: '"
                + entry.trim()
                + "' is not name=slots with a whole number of slots >= 0"
                + " (e.g. gpu=2,default_pool=128)");
      }
      sizes.put(kv[0].trim(), slots);
    }
    return sizes;
  }

  /**
   * The pools of {@code setting} and the trial pool, {@code maxConcurrentTrials} slots.
   *
   * @throws IllegalArgumentException for a bad entry, or one that sizes the trial pool
   */
  public static Map<String, Integer> parse(String setting, int maxConcurrentTrials) {
    Map<String, Integer> sizes = parse(setting);
    if (sizes.containsKey(TrialSlots.POOL)) {
      throw new IllegalArgumentException(
          "ATELIER_POOLS: '"
              + TrialSlots.POOL
              + "' is the built-in pool that caps trials at once; size it with "
              + TrialCap.VARIABLE
              + " ("
              + TrialSlots.SETTING
              + ")");
    }
    sizes.put(TrialSlots.POOL, TrialCap.check(maxConcurrentTrials));
    return sizes;
  }

  private static Integer slots(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
