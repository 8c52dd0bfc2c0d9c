package dev.atelier.ui.rest.airflow.v2;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Airflow 3's HITLDetailHistory: one try's {@link HitlDetail}, with that try of the instance. */
public record HitlDetailHistory(
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
    TaskInstanceHistoryResponse taskInstance) {

  static HitlDetailHistory of(HitlDetail d, TaskInstanceHistoryResponse ti) {
    return new HitlDetailHistory(
        d.options(),
        d.subject(),
        d.body(),
        d.defaults(),
        d.multiple(),
        d.params(),
        d.assignedUsers(),
        d.createdAt(),
        d.respondedByUser(),
        d.respondedAt(),
        d.chosenOptions(),
        d.paramsInput(),
        d.responseReceived(),
        ti);
  }
}
