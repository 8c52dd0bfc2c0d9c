package dev.atelier.ui.service;

import java.util.List;

/**
 * Airflow's ClearTaskInstances body. Booleans left out take Airflow's defaults: a dry run, of
 * failed instances only, resetting the runs to queued. {@code include_subdags} and {@code
 * include_parentdag} have no meaning without SubDags and are accepted and ignored.
 */
public record ClearRequest(
    Boolean dryRun,
    List<String> taskIds,
    String startDate,
    String endDate,
    Boolean onlyFailed,
    Boolean onlyRunning,
    Boolean includeSubdags,
    Boolean includeParentdag,
    Boolean resetDagRuns,
    String dagRunId,
    Boolean includeUpstream,
    Boolean includeDownstream,
    Boolean includeFuture,
    Boolean includePast) {

  static boolean on(Boolean flag, boolean byDefault) {
    return flag == null ? byDefault : flag;
  }
}
