package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

public record PoolCollectionResponse(List<PoolResponse> pools, long totalEntries) {}
