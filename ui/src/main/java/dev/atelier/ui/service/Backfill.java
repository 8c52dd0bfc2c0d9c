package dev.atelier.ui.service;

import dev.atelier.ui.repository.BackfillRow;
import dev.atelier.ui.repository.DagRunRow;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a backfill did: the backfill stored, the runs it created ({@code backfill__<logical date>},
 * queued and admitted as max_active_runs allows), the existing runs it runs again (as its {@code
 * reprocess_behavior} says) and the logical dates it left alone because a run already had them.
 */
public record Backfill(
    BackfillRow backfill,
    String dagId,
    OffsetDateTime fromDate,
    OffsetDateTime toDate,
    Map<String, Object> dagRunConf,
    List<DagRunRow> created,
    List<String> reprocessedRunIds,
    List<String> existingRunIds) {}
