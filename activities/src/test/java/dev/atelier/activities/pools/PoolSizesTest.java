package dev.atelier.activities.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolSizesTest {
  @Test
  void parse_unset_onlyAirflowsDefaultPool() {
    assertEquals(Map.of("default_pool", 128), PoolSizes.parse(null));
  }

  @Test
  void parse_entries_sizeEachPoolAndMayResizeTheDefault() {
    assertEquals(Map.of("default_pool", 8, "gpu", 2), PoolSizes.parse(" gpu=2 , default_pool=8"));
  }

  @Test
  void parse_badEntry_namesItAndTheForm() {
    var e = assertThrows(IllegalArgumentException.class, () -> PoolSizes.parse("gpu=two"));
    assertEquals(
        "ATELIER_POOLS: 'gpu=two' is not name=slots with a whole number of slots >= 0"
            + " (e.g. gpu=2,default_pool=128)",
        e.getMessage());
  }

  @Test
  void parse_withTrialCap_addsTheTrialPoolSizedByTheCap() {
    assertEquals(
        Map.of("default_pool", 128, "gpu", 2, "atelier_trials", 3), PoolSizes.parse("gpu=2", 3));
  }

  @Test
  void parse_withTrialCap_refusesATrialPoolSizedInAtelierPools() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> PoolSizes.parse("atelier_trials=64", 8));
    assertEquals(
        "ATELIER_POOLS: 'atelier_trials' is the built-in pool that caps trials at once; size it"
            + " with ATELIER_MAX_CONCURRENT_TRIALS (atelier.trials.max-concurrent)",
        e.getMessage());
  }
}
