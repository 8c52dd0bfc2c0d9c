package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's DAGRunCollectionResponse: one page of runs and how many match in all. */
public record DagRunCollectionResponse(List<DagRunResponse> dagRuns, long totalEntries) {}
