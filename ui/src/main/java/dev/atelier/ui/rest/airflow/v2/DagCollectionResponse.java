package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's DAGCollectionResponse: one page of Dags and how many match in all. */
public record DagCollectionResponse(List<DagResponse> dags, long totalEntries) {}
