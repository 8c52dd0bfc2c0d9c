package dev.atelier.workflows.search;

/**
 * One GAN-aware stop rule.
 *
 * @param kind {@code divergence} (NaN/Inf anywhere, or {@code loss_d} below {@code threshold} for
 *     {@code evaluations} evaluations), {@code mode_collapse} ({@code diversity_S} below {@code
 *     threshold} × {@code diversity_real_S} for {@code evaluations} evaluations in a row), {@code
 *     d_overpowering} ({@code d_real − d_fake} above {@code threshold} for {@code evaluations}
 *     evaluations in a row), {@code no_improvement} (the objective did not improve by more than
 *     {@code threshold} for {@code evaluations} evaluations)
 * @param threshold the rule's number, as above
 * @param evaluations how many evaluations in a row the condition must hold (its window)
 */
public record StopRuleSpec(String kind, double threshold, int evaluations) {}
