package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's TaskInstanceCollectionResponse: one page of instances and how many match. */
public record TaskInstanceCollectionResponse(
    List<TaskInstanceResponse> taskInstances, long totalEntries) {}
