package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.List;

/** Airflow's GET .../dagRuns filters (ranges are inclusive); null or empty means "any". */
public record DagRunFilter(
    List<String> states,
    OffsetDateTime logicalDateGte,
    OffsetDateTime logicalDateLte,
    OffsetDateTime runAfterGte,
    OffsetDateTime runAfterLte,
    OffsetDateTime startDateGte,
    OffsetDateTime startDateLte,
    OffsetDateTime endDateGte,
    OffsetDateTime endDateLte) {}
