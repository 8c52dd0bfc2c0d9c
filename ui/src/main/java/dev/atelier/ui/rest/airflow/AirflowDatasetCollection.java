package dev.atelier.ui.rest.airflow;

import java.util.List;

/** Airflow's DatasetCollection. */
public record AirflowDatasetCollection(List<AirflowDataset> datasets, long totalEntries) {}
