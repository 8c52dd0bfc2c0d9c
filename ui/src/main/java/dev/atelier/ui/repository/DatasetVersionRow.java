package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One recorded version of a source ({@code dataset_version}): its digest, size, classes, the change
 * from the version before (exact counts, path lists capped) and the curation report.
 */
public record DatasetVersionRow(
    long id,
    String source,
    int number,
    String digest,
    int fileCount,
    long bytes,
    Map<String, Object> classes,
    int addedCount,
    int removedCount,
    int modifiedCount,
    List<String> added,
    List<String> removed,
    List<String> modified,
    Map<String, Object> curation,
    Long eventId,
    OffsetDateTime createdAt) {}
