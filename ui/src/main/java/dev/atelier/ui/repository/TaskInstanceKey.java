package dev.atelier.ui.repository;

import java.time.OffsetDateTime;

/** Which task instance, plus its run's logical date (Airflow's TaskInstanceReference). */
public record TaskInstanceKey(
    String dagId, String runId, String taskId, int mapIndex, OffsetDateTime logicalDate) {}
