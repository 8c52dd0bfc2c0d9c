package dev.atelier.ui.rest.airflow;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/** Airflow's CreateDatasetEvent body: the dataset that changed and what to say about it. */
public record CreateDatasetEvent(
    @NotBlank(message = "must name the dataset, e.g. file:///data/emoji") String datasetUri,
    Map<String, Object> extra) {}
