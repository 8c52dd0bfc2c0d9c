package dev.atelier.ui.rest.airflow;

import java.util.List;

/** Airflow's PoolCollection. */
public record AirflowPoolCollection(List<AirflowPool> pools, long totalEntries) {}
