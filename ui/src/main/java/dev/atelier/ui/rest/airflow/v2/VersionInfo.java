package dev.atelier.ui.rest.airflow.v2;

/** Airflow 3's VersionInfo: here Atelier's own version (it is not an Airflow release). */
public record VersionInfo(String version, String gitVersion) {}
