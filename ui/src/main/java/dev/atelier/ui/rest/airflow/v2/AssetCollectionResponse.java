package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's AssetCollectionResponse. */
public record AssetCollectionResponse(List<AssetResponse> assets, long totalEntries) {}
