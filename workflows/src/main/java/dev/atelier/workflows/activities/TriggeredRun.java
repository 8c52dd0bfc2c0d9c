package dev.atelier.workflows.activities;

import dev.atelier.workflows.dsl.DagSpec;
import java.util.Map;

/** What a triggered run starts with: the Dag's current spec and the conf merged into its params. */
public record TriggeredRun(String dagId, Map<String, Object> params, DagSpec dag) {}
