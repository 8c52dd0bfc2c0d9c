package dev.atelier.ui.repository;

/** One row of {@code asset_alias}: Airflow 3's asset alias. */
public record AssetAliasRow(long id, String name, String group) {}
