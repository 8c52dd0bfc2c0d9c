package dev.atelier.ui.service;

import dev.atelier.ui.repository.DatasetVersionRow;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A version as lists show it: counts only (the paths are in the version's own answer).
 *
 * @param championOf the registered models whose champion was trained on this version ({@link
 *     DatasetChampions}); answered by a source's version list, null elsewhere and when MLflow could
 *     not be asked
 */
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
    OffsetDateTime createdAt,
    List<ChampionMark> championOf) {

  public static DatasetVersionSummary of(DatasetVersionRow v) {
    return of(v, null);
  }

  public static DatasetVersionSummary of(DatasetVersionRow v, List<ChampionMark> championOf) {
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
        v.createdAt(),
        championOf);
  }
}
