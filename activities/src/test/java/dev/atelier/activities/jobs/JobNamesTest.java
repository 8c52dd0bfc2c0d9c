package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobNamesTest {
  @Test
  void forTrial_longDagIdWithUnderscores_validDnsLabelEndingInIndexAndRun() {
    String name =
        JobNames.forTrial(
            "emoji_dcgan_sweep_with_a_very_long_name_that_goes_on_and_on_and_on",
            3,
            "7f3a9c21e4b94c0fa1b2c3d4e5f60718");

    assertTrue(name.length() <= 63, name);
    assertTrue(name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), name);
    assertTrue(name.startsWith("trial-emoji-dcgan-sweep"), name);
    assertTrue(name.endsWith("-3-7f3a9c21"), name);
  }

  @Test
  void labelValue_runIdWithColonsAndPlus_keepsOnlyAllowedCharacters() {
    assertEquals(
        "manual__2026-11-21T10_00_00_00_00",
        JobNames.labelValue("manual__2026-11-21T10:00:00+00:00"));
  }
}
