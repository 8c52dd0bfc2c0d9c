package dev.atelier.ui.service;

import dev.atelier.ui.repository.DatasetVersionRow;
import java.time.OffsetDateTime;
import java.util.Map;

/** A version as lists show it: counts only (the paths are in the version's own answer). */
public record DatasetVersionSummary(
    int number,
    String digest,
    int fileCount,
    long bytes,
    Map<String, Object> classes,
    int addedCount,
    int removedCount,
    int modifiedCount,
    Object curationCounts,
    Long eventId,
    OffsetDateTime createdAt) {

  public static DatasetVersionSummary of(DatasetVersionRow v) {
    return new DatasetVersionSummary(
        v.number(),
        v.digest(),
        v.fileCount(),
        v.bytes(),
        v.classes(),
        v.addedCount(),
        v.removedCount(),
        v.modifiedCount(),
        v.curation().get("counts"),
        v.eventId(),
        v.createdAt());
  }
}
