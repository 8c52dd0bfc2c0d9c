package dev.atelier.ui.repository;

import java.time.OffsetDateTime;

/**
 * A watched dataset source ({@code dataset_source}) with the URI of the dataset its events go to.
 */
public record DatasetSourceRow(
    long id,
    String name,
    String kind,
    String uri,
    String datasetUri,
    int quietSeconds,
    int minImageSize,
    int minClassSize,
    int nearDupDistance,
    boolean excludeDuplicates,
    boolean excludeRejects,
    String listingDigest,
    String lastError,
    OffsetDateTime lastCheckedAt,
    OffsetDateTime createdAt) {}
