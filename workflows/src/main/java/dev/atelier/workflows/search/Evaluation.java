package dev.atelier.workflows.search;

import java.util.Map;

/**
 * What a trial reported at one evaluation step: the objective and whatever else it logged there
 * that stop rules read ({@code loss_d}, {@code d_real}, {@code d_fake}, {@code diversity_rgb8},
 * {@code diversity_real_rgb8}, ...). A NaN or infinite value is kept as it is: divergence is a stop
 * reason, not bad input.
 */
public record Evaluation(long step, Map<String, Double> metrics) {}
