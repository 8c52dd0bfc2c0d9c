package dev.atelier.activities.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialCapTest {
  @Test
  void of_unset_isEight() {
    assertEquals(8, TrialCap.of(null, Map.<String, String>of()::get));
  }

  @Test
  void of_configuredWinsOverTheEnvironment() {
    assertEquals(2, TrialCap.of(2, Map.of("ATELIER_MAX_CONCURRENT_TRIALS", "5")::get));
    assertEquals(5, TrialCap.of(null, Map.of("ATELIER_MAX_CONCURRENT_TRIALS", " 5 ")::get));
  }

  @Test
  void of_zeroOrNotANumber_isRefusedNamingSettingValueAndRule() {
    var zero = assertThrows(IllegalArgumentException.class, () -> TrialCap.of(0, k -> null));
    assertEquals(
        "atelier.trials.max-concurrent (ATELIER_MAX_CONCURRENT_TRIALS): 0 must be at least 1, the"
            + " number of trials that may run at once (default 8)",
        zero.getMessage());
    var text =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrialCap.of(null, Map.of("ATELIER_MAX_CONCURRENT_TRIALS", "many")::get));
    assertEquals(
        "ATELIER_MAX_CONCURRENT_TRIALS: 'many' is not a whole number of trials (e.g. 8)",
        text.getMessage());
  }
}
