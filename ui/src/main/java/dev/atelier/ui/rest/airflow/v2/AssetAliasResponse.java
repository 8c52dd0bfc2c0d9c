package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.AssetAliasRow;

/** Airflow 3's AssetAliasResponse. */
public record AssetAliasResponse(long id, String name, String group) {
  static AssetAliasResponse of(AssetAliasRow row) {
    return new AssetAliasResponse(row.id(), row.name(), row.group());
  }
}
