package dev.atelier.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The auto-promote policy approves only when the challenger beats the champion on every compared
 * metric by the margin, in each metric's own direction; anything missing keeps the lead in charge.
 */
class RetrainEvidencePolicyTest {
  private static Map<String, Object> evaluation(
      Map<String, Object> champion, Map<String, Object> challenger) {
    Map<String, Object> ev = new HashMap<>();
    ev.put("metrics", List.of("fd_rgb8:min", "psnr:max"));
    ev.put("champion", champion == null ? null : Map.of("values", champion));
    ev.put("challenger", Map.of("values", challenger));
    return ev;
  }

  private static final Map<String, Object> FIVE_PERCENT = Map.of("margin", 0.05);

  @Test
  void betterByTheMarginOnEveryMetric_approvesSayingWhy() {
    Optional<String> why =
        RetrainEvidence.policyApproves(
            evaluation(Map.of("fd_rgb8", 10.0, "psnr", 20.0), Map.of("fd_rgb8", 9.0, "psnr", 21.5)),
            FIVE_PERCENT);
    assertTrue(why.isPresent());
    assertTrue(why.get().contains("at least 5 %"), why.get());
    assertTrue(why.get().contains("fd_rgb8 9.000 vs 10.00"), why.get());
  }

  @Test
  void shortOfTheMarginOnOneMetric_orWorse_orMissing_leavesItToALead() {
    Map<String, Object> champion = Map.of("fd_rgb8", 10.0, "psnr", 20.0);
    // psnr 20.5 is better, but by 2.5 %: not enough.
    assertEquals(
        Optional.empty(),
        RetrainEvidence.policyApproves(
            evaluation(champion, Map.of("fd_rgb8", 9.0, "psnr", 20.5)), FIVE_PERCENT));
    // fd_rgb8 is lower-is-better: 11 is worse.
    assertEquals(
        Optional.empty(),
        RetrainEvidence.policyApproves(
            evaluation(champion, Map.of("fd_rgb8", 11.0, "psnr", 30.0)), FIVE_PERCENT));
    assertEquals(
        Optional.empty(),
        RetrainEvidence.policyApproves(evaluation(champion, Map.of("fd_rgb8", 9.0)), FIVE_PERCENT));
    // No champion yet: nothing to beat, a lead makes the first one.
    assertEquals(
        Optional.empty(),
        RetrainEvidence.policyApproves(
            evaluation(null, Map.of("fd_rgb8", 1.0, "psnr", 40.0)), FIVE_PERCENT));
    // No policy: off.
    assertEquals(
        Optional.empty(),
        RetrainEvidence.policyApproves(
            evaluation(champion, Map.of("fd_rgb8", 1.0, "psnr", 40.0)), null));
  }
}
