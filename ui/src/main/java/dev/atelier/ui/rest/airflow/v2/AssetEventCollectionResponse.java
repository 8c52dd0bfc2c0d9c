package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's AssetEventCollectionResponse. */
public record AssetEventCollectionResponse(
    List<AssetEventResponse> assetEvents, long totalEntries) {}
