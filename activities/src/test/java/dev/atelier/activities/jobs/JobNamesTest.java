package dev.atelier.activities.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobNamesTest {
  private static final String RUN = "manual__2026-11-21T10:00:00+00:00";

  @Test
  void of_longDagIdWithUnderscores_validDnsLabelWithIndexTryAndDigest() {
    JobKey key =
        new JobKey(
            "emoji_dcgan_sweep_with_a_very_long_name_that_goes_on_and_on_and_on",
            RUN,
            "train",
            3,
            2);

    String name = JobNames.of("trial", key);

    assertTrue(name.length() <= 63, name);
    assertTrue(name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), name);
    assertTrue(name.startsWith("trial-emoji-dcgan-sweep"), name);
    assertTrue(name.endsWith("-3-t2-" + key.digest().substring(0, 16)), name);
  }

  @Test
  void of_nextTryOfTheSameTrial_anotherJob() {
    assertNotEquals(
        JobNames.of("trial", new JobKey("emoji", RUN, "train", 0, 1)),
        JobNames.of("trial", new JobKey("emoji", RUN, "train", 0, 2)));
  }

  /** "Aa" and "BB" share a String.hashCode, which once named these Jobs. */
  @Test
  void of_runIdsWithTheSameHashCode_differentJobs() {
    assertEquals("Aa".hashCode(), "BB".hashCode());

    assertNotEquals(
        JobNames.of("k8s", new JobKey("render", "Aa", "frames", -1, 1)),
        JobNames.of("k8s", new JobKey("render", "BB", "frames", -1, 1)));
  }

  @Test
  void digest_textMovedFromOnePartToTheNext_differs() {
    assertNotEquals(
        new JobKey("a", "b:c", "t", 0, 1).digest(), new JobKey("a:b", "c", "t", 0, 1).digest());
  }

  @Test
  void digest_anyKey_fitsALabelValue() {
    String digest = new JobKey("emoji", RUN, "train", 12, 3).digest();

    assertEquals(40, digest.length());
    assertEquals(digest, JobNames.labelValue(digest));
  }

  @Test
  void labelValue_runIdWithColonsAndPlus_keepsOnlyAllowedCharacters() {
    assertEquals("manual__2026-11-21T10_00_00_00_00", JobNames.labelValue(RUN));
  }
}
