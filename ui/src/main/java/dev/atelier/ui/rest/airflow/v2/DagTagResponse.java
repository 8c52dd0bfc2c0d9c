package dev.atelier.ui.rest.airflow.v2;

/** Airflow 3's DagTagResponse: a tag and the Dag it is on. */
public record DagTagResponse(String name, String dagId, String dagDisplayName) {}
