package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRow;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A backfill worked out but not stored (Airflow's dry run): per data interval of the range, in the
 * order the runs would start, a new run, an existing run to run again, or an existing run left
 * alone.
 */
public record BackfillPlan(
    String dagId,
    OffsetDateTime fromDate,
    OffsetDateTime toDate,
    Map<String, Object> conf,
    String reprocessBehavior,
    int maxActiveRuns,
    boolean runBackwards,
    List<Step> steps) {

  /** One data interval: {@code existing} is the run that has its logical date, if any. */
  public record Step(
      OffsetDateTime logicalDate, DagRunRow create, DagRunRow existing, Action action) {}

  public enum Action {
    CREATE,
    REPROCESS,
    SKIP
  }

  /** The logical dates that would get a run: new ones and those run again. */
  public List<OffsetDateTime> toRun() {
    return steps.stream().filter(s -> s.action() != Action.SKIP).map(Step::logicalDate).toList();
  }
}
