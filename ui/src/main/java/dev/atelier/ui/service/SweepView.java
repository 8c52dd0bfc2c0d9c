package dev.atelier.ui.service;

import java.time.OffsetDateTime;
import java.util.Map;

/** A Dag run on the sweeps page: its state and times, and trials done out of all. */
public record SweepView(
    String dagId,
    String dagRunId,
    String state,
    OffsetDateTime logicalDate,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    long trialCount,
    long doneCount,
    Map<String, Object> conf) {}
