package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRow;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a backfill did: the runs it created ({@code backfill__<logical date>}, queued and admitted
 * as max_active_runs allows) and the logical dates it left alone because a run already had them.
 */
public record Backfill(
    String dagId,
    OffsetDateTime fromDate,
    OffsetDateTime toDate,
    Map<String, Object> dagRunConf,
    List<DagRunRow> created,
    List<String> existingRunIds) {}
