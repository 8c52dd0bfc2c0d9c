package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.RunInfo;
import dev.atelier.workflows.activities.XComEntry;
import dev.atelier.workflows.dsl.TaskSpec;
import java.util.List;
import java.util.Map;

/**
 * A slice of a large mapped task, run by a {@link MappedTaskWorkflow}: the instances from {@code
 * firstIndex} on, each with its resolved arguments, at most {@code concurrency} at once.
 */
public record MappedChunk(
    String dagId,
    String runId,
    RunInfo run,
    Map<String, Object> params,
    TaskSpec task,
    int firstIndex,
    List<Map<String, Object>> instanceArgs,
    int concurrency,
    Map<String, Object> upstream,
    List<XComEntry> xcoms) {}
