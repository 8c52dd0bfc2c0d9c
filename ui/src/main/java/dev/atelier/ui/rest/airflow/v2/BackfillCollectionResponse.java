package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

public record BackfillCollectionResponse(List<BackfillResponse> backfills, long totalEntries) {}
