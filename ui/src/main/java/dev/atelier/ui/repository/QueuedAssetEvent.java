package dev.atelier.ui.repository;

import java.time.OffsetDateTime;

/**
 * A Dag's queued events on one asset (Airflow 3's {@code AssetDagRunQueue} row): the Dag, the
 * asset, and when its oldest unconsumed event came.
 */
public record QueuedAssetEvent(
    String dagId, long datasetId, String uri, OffsetDateTime createdAt) {}
