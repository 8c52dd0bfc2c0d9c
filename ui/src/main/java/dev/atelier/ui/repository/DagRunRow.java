package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One Dag run as the {@code dag_run} table holds it; {@code conf} is what the trigger sent. {@code
 * awaitingStart}: no workflow runs it yet, because its Dag is paused or already runs {@code
 * max_active_runs} runs; it starts when both allow, earliest {@code runAfter} first.
 *
 * <p>{@code logicalDate} is null for a run triggered through Airflow 3's API without one (and for
 * an asset materialisation), as in Airflow 3; {@code runAfter}, never null, orders runs and is the
 * logical date itself for every run that has one.
 */
public record DagRunRow(
    String dagId,
    String runId,
    String state,
    String runType,
    Map<String, Object> conf,
    OffsetDateTime logicalDate,
    OffsetDateTime runAfter,
    OffsetDateTime dataIntervalStart,
    OffsetDateTime dataIntervalEnd,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    boolean externalTrigger,
    String workflowId,
    String note,
    boolean awaitingStart) {

  /**
   * The date the run's templates ({@code ds}, {@code ts}) and its unset data interval stand for:
   * the logical date, or {@code run_after} for a run without one. Airflow 3 leaves those templates
   * undefined then; here they keep rendering, from the time the run was asked for.
   */
  public OffsetDateTime logicalDateOrRunAfter() {
    return logicalDate != null ? logicalDate : runAfter;
  }
}
