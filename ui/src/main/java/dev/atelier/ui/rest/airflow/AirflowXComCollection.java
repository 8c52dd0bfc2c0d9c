package dev.atelier.ui.rest.airflow;

import java.util.List;

/** Airflow's XComCollection. */
public record AirflowXComCollection(List<AirflowXComItem> xcomEntries, long totalEntries) {}
