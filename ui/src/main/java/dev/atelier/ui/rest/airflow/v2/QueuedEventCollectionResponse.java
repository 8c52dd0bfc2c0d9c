package dev.atelier.ui.rest.airflow.v2;

import java.util.List;

/** Airflow 3's QueuedEventCollectionResponse. */
public record QueuedEventCollectionResponse(
    List<QueuedEventResponse> queuedEvents, long totalEntries) {}
