package dev.atelier.ui.service;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One Dag as the Dags page shows it: its schedule in words, the next scheduled run (null when none
 * is owed), its pause switch, how many runs hold or wait for its max_active_runs slots, and its
 * latest runs, newest first.
 */
public record DagOverview(
    String dagId,
    String description,
    List<String> tags,
    boolean isPaused,
    String schedule,
    String timetableDescription,
    OffsetDateTime nextDagrun,
    OffsetDateTime nextDagrunCreateAfter,
    int maxActiveRuns,
    int activeRuns,
    int waitingRuns,
    List<RunSummary> recentRuns) {

  /** A run as a coloured square with a tooltip. */
  public record RunSummary(
      String dagRunId,
      String state,
      String runType,
      OffsetDateTime logicalDate,
      OffsetDateTime startDate,
      OffsetDateTime endDate) {}
}
