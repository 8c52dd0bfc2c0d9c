package dev.atelier.workflows.search;

/**
 * A GAN-aware reason to stop one trial, judged on that trial's own evaluations (divergence, mode
 * collapse, D overpowering G, no improvement).
 */
public interface StopRule {
  Verdict judge(TrialView trial);
}
