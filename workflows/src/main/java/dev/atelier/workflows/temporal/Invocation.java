package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.XComEntry;
import java.util.List;
import java.util.Map;

/**
 * One task instance ready to run: its map index (-1 when not mapped), its resolved arguments, and
 * the upstream XComs its activity receives.
 */
record Invocation(
    int mapIndex, Map<String, Object> args, Map<String, Object> upstream, List<XComEntry> xcoms) {}
