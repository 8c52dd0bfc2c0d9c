package dev.atelier.ui.rest.airflow;

import java.util.List;

/** Airflow's DAGRunCollection. */
public record AirflowDagRunCollection(List<AirflowDagRun> dagRuns, long totalEntries) {}
