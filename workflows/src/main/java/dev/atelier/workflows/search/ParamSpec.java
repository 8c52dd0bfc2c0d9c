package dev.atelier.workflows.search;

import java.util.List;

/**
 * One dimension of the search space.
 *
 * @param name the hyperparameter (a {@code TrainOperator} argument, e.g. {@code lr})
 * @param kind {@code uniform}, {@code log_uniform}, {@code int}, {@code quantized} or {@code
 *     categorical}
 * @param low lower bound (inclusive), numeric kinds only
 * @param high upper bound (inclusive), numeric kinds only
 * @param step the grid of {@code quantized} (and of {@code int}, default 1); null otherwise
 * @param log sample {@code int} on a log scale
 * @param choices the values of {@code categorical} (numbers, strings or booleans)
 * @param parent the parameter this one depends on, or null when always active
 * @param parentValues the parent's values for which this one is active
 */
public record ParamSpec(
    String name,
    String kind,
    Double low,
    Double high,
    Double step,
    boolean log,
    List<Object> choices,
    String parent,
    List<Object> parentValues) {}
