package dev.atelier.workflows.dsl;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How a sensor waits, as Airflow's {@code BaseSensorOperator} settings: {@code mode} {@code poke}
 * or {@code reschedule}, {@code poke_interval}, {@code timeout} (from the first poke), {@code
 * soft_fail} (a timeout skips instead of failing) and {@code exponential_backoff} of the interval.
 * {@code type} names what is watched: {@code time_delta}, {@code external_task}, {@code dataset} or
 * {@code function}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SensorSpec(
    String type,
    String mode,
    long pokeIntervalSeconds,
    long timeoutSeconds,
    boolean softFail,
    boolean exponentialBackoff) {}
