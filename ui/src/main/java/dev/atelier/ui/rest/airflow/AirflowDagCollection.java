package dev.atelier.ui.rest.airflow;

import java.util.List;

/** Airflow's DAGCollection. */
public record AirflowDagCollection(List<AirflowDag> dags, long totalEntries) {}
