package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Which reviews a human-in-the-loop list shows (Airflow 3's {@code hitlDetails} filters), each null
 * or empty for "any": the Dag and run ({@code null} is Airflow's {@code ~}), the task, case-
 * insensitive substrings of the Dag id, task id, subject and body, case-sensitive prefixes of the
 * Dag and task ids, the review task instance's states ({@code null} in the list: no state yet),
 * whether an answer was received, who answered, and when the review opened ({@code createdGte} and
 * so on: the bounds of a range). Only the latest try of each review task is listed.
 */
public record ReviewFilter(
    String dagId,
    String runId,
    String taskId,
    String dagIdPattern,
    String dagIdPrefix,
    String taskIdPattern,
    String taskIdPrefix,
    List<String> taskStates,
    Boolean responseReceived,
    List<String> respondedBy,
    String subjectSearch,
    String bodySearch,
    OffsetDateTime createdGte,
    OffsetDateTime createdGt,
    OffsetDateTime createdLte,
    OffsetDateTime createdLt) {}
