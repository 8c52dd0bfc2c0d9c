package dev.atelier.ui.rest.airflow.v2;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Airflow 3's HITLDetailResponse: the answer a PATCH recorded. */
public record HitlDetailResponse(
    HitlUser respondedBy,
    OffsetDateTime respondedAt,
    List<String> chosenOptions,
    Map<String, Object> paramsInput) {}
