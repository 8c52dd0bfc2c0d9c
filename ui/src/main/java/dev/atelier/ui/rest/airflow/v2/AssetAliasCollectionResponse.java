package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's AssetAliasCollectionResponse. */
public record AssetAliasCollectionResponse(
    List<AssetAliasResponse> assetAliases, long totalEntries) {}
