package dev.atelier.ui.rest.airflow;

import java.util.List;

/** Airflow's DatasetEventCollection. */
public record AirflowDatasetEventCollection(
    List<AirflowDatasetEvent> datasetEvents, long totalEntries) {}
