package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One Dag run as the {@code dag_run} table holds it; {@code conf} is what the trigger sent. {@code
 * awaitingUnpause}: triggered while its Dag was paused, so no workflow runs it yet.
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
    boolean awaitingUnpause) {}
