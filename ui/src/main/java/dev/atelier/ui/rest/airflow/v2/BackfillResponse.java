package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.BackfillRow;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Airflow 3's BackfillResponse, and {@code run_backwards}, which Airflow keeps but does not answer.
 */
public record BackfillResponse(
    long id,
    String dagId,
    OffsetDateTime fromDate,
    OffsetDateTime toDate,
    Map<String, Object> dagRunConf,
    boolean isPaused,
    String reprocessBehavior,
    int maxActiveRuns,
    boolean runBackwards,
    OffsetDateTime createdAt,
    OffsetDateTime completedAt,
    OffsetDateTime updatedAt,
    String dagDisplayName) {

  static BackfillResponse of(BackfillRow b) {
    return new BackfillResponse(
        b.id(),
        b.dagId(),
        b.fromDate(),
        b.toDate(),
        b.dagRunConf(),
        b.isPaused(),
        b.reprocessBehavior(),
        b.maxActiveRuns(),
        b.runBackwards(),
        b.createdAt(),
        b.completedAt(),
        b.updatedAt(),
        b.dagId());
  }
}
