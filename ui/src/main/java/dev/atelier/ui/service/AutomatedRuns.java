package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.workflows.schedule.DagRunInfo;
import dev.atelier.workflows.temporal.AtelierWorkflows;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The row of a run the scheduler owes for one data interval, as Airflow names it: {@code
 * <run_type>__<logical date>} with run type {@code scheduled} (a Schedule's firing or catch-up) or
 * {@code backfill}, not externally triggered, queued until admitted. One place, so scheduled runs
 * and backfills cannot drift apart.
 */
final class AutomatedRuns {
  static final String SCHEDULED = "scheduled";
  static final String BACKFILL = "backfill";

  private AutomatedRuns() {}

  static String runId(String runType, DagRunInfo info) {
    return runType + "__" + AirflowDates.iso(info.logicalDate().atOffset(ZoneOffset.UTC));
  }

  static DagRunRow row(String dagId, String runType, Map<String, Object> conf, DagRunInfo info) {
    OffsetDateTime logicalDate = info.logicalDate().atOffset(ZoneOffset.UTC);
    String runId = runId(runType, info);
    return new DagRunRow(
        dagId,
        runId,
        "queued",
        runType,
        conf,
        logicalDate,
        logicalDate,
        info.interval().start().atOffset(ZoneOffset.UTC),
        info.interval().end().atOffset(ZoneOffset.UTC),
        null,
        null,
        false,
        AtelierWorkflows.workflowId(dagId, runId),
        null,
        true);
  }
}
