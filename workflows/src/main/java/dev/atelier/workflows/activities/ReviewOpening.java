package dev.atelier.workflows.activities;

import java.util.List;
import java.util.Map;

/**
 * A ReviewOperator's try starting: where it runs, Airflow's HITL fields ({@code subject}, {@code
 * body}, {@code options}, {@code defaults}, {@code assigned_users}) and Atelier's ({@code
 * assigned_roles}, {@code fail_on_reject}), what to rank ({@code trials}: the sweep's trial
 * outcomes; {@code best}: pick_best's XCom, naming the metric), {@code topK}, and when it times out
 * (epoch milliseconds, workflow time; null: never); {@code evaluation}, an
 * EvaluateChampionOperator's XCom (the champion measured on the challenger's data; null without
 * one) and {@code autoPromote}, the policy that may approve by itself ({@code {"margin": 0.05}};
 * null: off, the default).
 */
public record ReviewOpening(
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
    List<Object> trials,
    Map<String, Object> best,
    int topK,
    Long timeoutAtMillis,
    Map<String, Object> evaluation,
    Map<String, Object> autoPromote) {

  /** A review without evaluation evidence or policy, as before the retrain loop. */
  public ReviewOpening(
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
      List<Object> trials,
      Map<String, Object> best,
      int topK,
      Long timeoutAtMillis) {
    this(
        dagId,
        runId,
        taskId,
        tryNumber,
        subject,
        body,
        options,
        defaults,
        assignedUsers,
        assignedRoles,
        failOnReject,
        trials,
        best,
        topK,
        timeoutAtMillis,
        null,
        null);
  }
}
