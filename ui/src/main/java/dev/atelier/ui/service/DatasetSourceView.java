package dev.atelier.ui.service;

import dev.atelier.ui.repository.DatasetSourceRow;
import java.time.OffsetDateTime;

/**
 * A source as the API answers it: what is watched, its settings, its health, its latest version.
 */
public record DatasetSourceView(
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
    String lastError,
    OffsetDateTime lastCheckedAt,
    OffsetDateTime createdAt,
    DatasetVersionSummary latestVersion) {

  static DatasetSourceView of(DatasetSourceRow s, DatasetVersionSummary latest) {
    return new DatasetSourceView(
        s.name(),
        s.kind(),
        s.uri(),
        s.datasetUri(),
        s.quietSeconds(),
        s.minImageSize(),
        s.minClassSize(),
        s.nearDupDistance(),
        s.excludeDuplicates(),
        s.excludeRejects(),
        s.lastError(),
        s.lastCheckedAt(),
        s.createdAt(),
        latest);
  }
}
