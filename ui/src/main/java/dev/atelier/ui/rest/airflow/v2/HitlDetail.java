package dev.atelier.ui.rest.airflow.v2;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Airflow 3's HITLDetail: a review task's question (subject, body, options, defaults, params) and,
 * once answered, the answer (chosen_options, params_input, who and when), with the task instance it
 * belongs to. Built from a review by {@link ReviewHitl}.
 */
public record HitlDetail(
    List<String> options,
    String subject,
    String body,
    List<String> defaults,
    boolean multiple,
    Map<String, Object> params,
    List<HitlUser> assignedUsers,
    OffsetDateTime createdAt,
    HitlUser respondedByUser,
    OffsetDateTime respondedAt,
    List<String> chosenOptions,
    Map<String, Object> paramsInput,
    boolean responseReceived,
    TaskInstanceResponse taskInstance) {}
