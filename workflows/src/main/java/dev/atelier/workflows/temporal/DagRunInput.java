package dev.atelier.workflows.temporal;

import dev.atelier.workflows.dsl.DagSpec;
import java.util.Map;

/**
 * What a Dag run starts with. The Dag's serialized form travels with the run so a later change to
 * the Dag's code cannot change a run in flight. {@code params} are already validated and merged
 * with the Dag's defaults; {@code logicalDate} is ISO-8601.
 */
public record DagRunInput(
    String dagId, String runId, String logicalDate, Map<String, Object> params, DagSpec dag) {}
