package dev.atelier.ui.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * The task instances a clear touches: those of one Dag whose run's logical date lies in the range
 * (either end open when null), or of one run; of the given tasks (all when empty); in one of the
 * given states (any when empty; {@code null} stands for "no state").
 */
public record ClearSelection(
    String dagId,
    String runId,
    OffsetDateTime logicalDateGte,
    OffsetDateTime logicalDateLte,
    Set<String> taskIds,
    List<String> states) {}
