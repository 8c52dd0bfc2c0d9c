package dev.atelier.ui.rest.airflow.v2;

/** Airflow 3's AssetAliasResponse. */
public record AssetAliasResponse(long id, String name, String group) {}
