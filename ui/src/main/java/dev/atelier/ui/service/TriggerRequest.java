package dev.atelier.ui.service;

import java.util.Map;

/**
 * What a client may say when it triggers a Dag run (Airflow's DAGRun POST body). Every field is
 * optional: the run id defaults to {@code manual__<logical date>}, the logical date to now. {@code
 * executionDate} is the older name Airflow still accepts for {@code logicalDate}.
 */
public record TriggerRequest(
    String dagRunId,
    String logicalDate,
    String executionDate,
    Map<String, Object> conf,
    String note) {}
