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
}
