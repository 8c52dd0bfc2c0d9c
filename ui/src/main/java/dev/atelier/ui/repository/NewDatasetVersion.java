package dev.atelier.ui.repository;

import dev.atelier.activities.datasets.ManifestEntry;
import java.util.List;
import java.util.Map;

/** What recording a version writes: the version's row and its manifest. */
public record NewDatasetVersion(
    String digest,
    int fileCount,
    long bytes,
    Map<String, Integer> classes,
    int addedCount,
    int removedCount,
    int modifiedCount,
    List<String> added,
    List<String> removed,
    List<String> modified,
    Map<String, Object> curation,
    List<ManifestEntry> manifest) {}
