package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's TaskCollectionResponse: every task of a Dag. */
public record TaskCollectionResponse(List<TaskResponse> tasks, long totalEntries) {}
