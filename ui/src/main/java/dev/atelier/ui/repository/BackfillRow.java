package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One backfill as the {@code backfill} table holds it: the range and conf it was asked for, its
 * switches ({@code reprocessBehavior} none, failed or completed; {@code maxActiveRuns} of its own
 * runs at once; {@code runBackwards}: newest logical date first), whether it is paused, and when it
 * completed (all its runs finished, or it was cancelled).
 */
public record BackfillRow(
    long id,
    String dagId,
    OffsetDateTime fromDate,
    OffsetDateTime toDate,
    Map<String, Object> dagRunConf,
    String reprocessBehavior,
    int maxActiveRuns,
    boolean runBackwards,
    boolean isPaused,
    String createdBy,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime completedAt) {}
