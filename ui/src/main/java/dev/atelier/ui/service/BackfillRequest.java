package dev.atelier.ui.service;

import java.util.Map;

/**
 * A backfill as Airflow 3's {@code POST /backfills} body names it: the range of logical dates
 * ({@code from_date}, {@code to_date}, ISO-8601 with offset, both inclusive) and the conf every run
 * gets ({@code dag_run_conf}, checked against the Dag's params).
 */
public record BackfillRequest(String fromDate, String toDate, Map<String, Object> dagRunConf) {}
