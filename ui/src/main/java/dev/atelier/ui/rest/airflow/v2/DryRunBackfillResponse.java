package dev.atelier.ui.rest.airflow.v2;

import java.time.OffsetDateTime;

/** A logical date a backfill would run (Dags here are not partitioned: the partition is null). */
public record DryRunBackfillResponse(
    OffsetDateTime logicalDate, String partitionKey, OffsetDateTime partitionDate) {}
