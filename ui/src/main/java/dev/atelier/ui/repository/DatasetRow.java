package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.Map;

/** One dataset as the {@code dataset} table holds it: an Airflow Dataset, known by its URI. */
public record DatasetRow(
    long id,
    String uri,
    Map<String, Object> extra,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
