package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code review}: a ReviewOperator's try, its HITL settings, its candidates (best first:
 * {@code rank}, {@code mlflow_run_id}, {@code map_index}, {@code status}, {@code value}, {@code
 * last_step}), the champion when it opened, and once decided the answer. {@code state} is pending,
 * deciding (a lead's approval is promoting), approved, rejected or timed_out.
 */
public record ReviewRow(
    long id,
    String dagId,
    String runId,
    String taskId,
    int tryNumber,
    String subject,
    String body,
    List<String> options,
    List<String> defaults,
    List<String> assignedUsers,
    List<String> assignedRoles,
    boolean failOnReject,
    String metric,
    String mode,
    List<Map<String, Object>> candidates,
    String model,
    String championRunId,
    String championVersion,
    String state,
    OffsetDateTime createdAt,
    OffsetDateTime timeoutAt,
    List<String> chosenOptions,
    String respondedBy,
    OffsetDateTime respondedAt,
    String chosenCandidate,
    Long chosenStep,
    String reason,
    Long promotionId) {

  /** Still waiting for an answer (a claim in progress counts: it may be given back). */
  public boolean open() {
    return state.equals("pending") || state.equals("deciding");
  }

  /** The candidates' MLflow run ids, best first. */
  public List<String> candidateRunIds() {
    return candidates.stream().map(c -> String.valueOf(c.get("mlflow_run_id"))).toList();
  }
}
