package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.RunInfo;
import dev.atelier.workflows.dsl.DagSpec;
import java.util.Map;

/**
 * What a Dag run starts with. The Dag's serialized form travels with the run so a later change to
 * the Dag's code cannot change a run in flight. {@code params} are already validated and merged
 * with the Dag's defaults; {@code conf} is what the run was triggered with; dates are ISO-8601 (for
 * a manual run the data interval is the logical date, as in Airflow). {@code limits} may be null
 * (the defaults); {@code resume} is set only when a long run continues as new; {@code trialPool} is
 * the pool every trial takes a slot of ({@link TrialSlots#POOL}), or null for no cap (runs started
 * before it existed, and tests).
 */
public record DagRunInput(
    String dagId,
    String runId,
    String logicalDate,
    Map<String, Object> params,
    DagSpec dag,
    Map<String, Object> conf,
    String dataIntervalStart,
    String dataIntervalEnd,
    EngineLimits limits,
    RunSnapshot resume,
    String trialPool) {

  /** As the app started runs before the cap on trials at once: no trial pool. */
  public DagRunInput(
      String dagId,
      String runId,
      String logicalDate,
      Map<String, Object> params,
      DagSpec dag,
      Map<String, Object> conf,
      String dataIntervalStart,
      String dataIntervalEnd,
      EngineLimits limits,
      RunSnapshot resume) {
    this(
        dagId,
        runId,
        logicalDate,
        params,
        dag,
        conf,
        dataIntervalStart,
        dataIntervalEnd,
        limits,
        resume,
        null);
  }

  /** A manual run: no conf recorded, data interval = the logical date. */
  public DagRunInput(
      String dagId, String runId, String logicalDate, Map<String, Object> params, DagSpec dag) {
    this(dagId, runId, logicalDate, params, dag, Map.of(), logicalDate, logicalDate, null, null);
  }

  RunInfo runInfo() {
    return new RunInfo(
        logicalDate,
        dataIntervalStart != null ? dataIntervalStart : logicalDate,
        dataIntervalEnd != null ? dataIntervalEnd : logicalDate,
        conf == null ? Map.of() : conf);
  }

  DagRunInput resumingFrom(RunSnapshot snapshot) {
    return new DagRunInput(
        dagId,
        runId,
        logicalDate,
        params,
        dag,
        conf,
        dataIntervalStart,
        dataIntervalEnd,
        limits,
        snapshot,
        trialPool);
  }
}
