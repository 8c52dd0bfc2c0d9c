package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.XComEntry;
import java.util.List;
import java.util.Map;

/**
 * A Dag run's progress carried over when it continues as new: how every finished task ended, the
 * XComs pushed so far, and how many times the run has continued.
 */
public record RunSnapshot(
    Map<String, TaskOutcome> finished, List<XComEntry> xcoms, int continuations) {}
