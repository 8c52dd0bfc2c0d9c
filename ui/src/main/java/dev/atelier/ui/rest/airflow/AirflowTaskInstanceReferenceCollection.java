package dev.atelier.ui.rest.airflow;

import java.util.List;

/** Airflow's TaskInstanceReferenceCollection (it has no {@code total_entries}). */
public record AirflowTaskInstanceReferenceCollection(
    List<AirflowTaskInstanceReference> taskInstances) {}
