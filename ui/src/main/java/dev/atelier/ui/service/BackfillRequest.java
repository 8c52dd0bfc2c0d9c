package dev.atelier.ui.service;

import java.util.Map;

/**
 * A backfill as Airflow 3's {@code POST /backfills} body names it: the range of logical dates
 * ({@code from_date}, {@code to_date}, ISO-8601 with offset, both inclusive), the conf every run
 * gets ({@code dag_run_conf}, checked against the Dag's params), which dates that have a run
 * already run again ({@code reprocess_behavior}: none, the default; failed; completed), how many of
 * the backfill's runs may be active at once ({@code max_active_runs}, default 10, within the Dag's
 * own) and whether the newest date goes first ({@code run_backwards}).
 */
public record BackfillRequest(
    String fromDate,
    String toDate,
    Map<String, Object> dagRunConf,
    String reprocessBehavior,
    Integer maxActiveRuns,
    Boolean runBackwards) {

  public static final int DEFAULT_MAX_ACTIVE_RUNS = 10;

  public BackfillRequest(String fromDate, String toDate, Map<String, Object> dagRunConf) {
    this(fromDate, toDate, dagRunConf, null, null, null);
  }
}
