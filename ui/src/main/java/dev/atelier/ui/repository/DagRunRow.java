package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One Dag run as the {@code dag_run} table holds it; {@code conf} is what the trigger sent. {@code
 * awaitingStart}: no workflow runs it yet, because its Dag is paused or already runs {@code
 * max_active_runs} runs; it starts when both allow, oldest logical date first.
 */
public record DagRunRow(
    String dagId,
    String runId,
    String state,
    String runType,
    Map<String, Object> conf,
    OffsetDateTime logicalDate,
    OffsetDateTime dataIntervalStart,
    OffsetDateTime dataIntervalEnd,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    boolean externalTrigger,
    String workflowId,
    String note,
    boolean awaitingStart) {}
