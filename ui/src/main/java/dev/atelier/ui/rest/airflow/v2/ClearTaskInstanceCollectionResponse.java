package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's ClearTaskInstanceCollectionResponse: what a dry-run clear would clear. */
public record ClearTaskInstanceCollectionResponse(
    List<TaskInstanceResponse> taskInstances, long totalEntries) {}
