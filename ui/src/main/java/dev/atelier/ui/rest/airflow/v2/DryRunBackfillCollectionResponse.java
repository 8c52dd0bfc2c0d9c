package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

public record DryRunBackfillCollectionResponse(
    List<DryRunBackfillResponse> backfills, long totalEntries) {}
