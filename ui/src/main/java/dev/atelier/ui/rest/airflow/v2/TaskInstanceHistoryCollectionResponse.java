package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's TaskInstanceHistoryCollectionResponse: the tries of one task instance. */
public record TaskInstanceHistoryCollectionResponse(
    List<TaskInstanceHistoryResponse> taskInstances, long totalEntries) {}
