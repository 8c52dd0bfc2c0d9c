package dev.atelier.ui.rest.airflow;

/** Airflow's UpdateDagRunState body: the state a Dag run is set to by hand. */
public record UpdateDagRunState(String state) {}
