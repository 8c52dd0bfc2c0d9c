package dev.atelier.ui.rest.airflow;

import java.util.List;

/** Airflow's TaskInstanceCollection. */
public record AirflowTaskInstanceCollection(
    List<AirflowTaskInstance> taskInstances, long totalEntries) {}
