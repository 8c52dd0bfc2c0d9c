package dev.atelier.workflows.schedule;

/**
 * What a Dag's Temporal Schedule passes to each workflow it starts: only the Dag. The instant it
 * fired for comes from Temporal ({@code TemporalScheduledStartTime}), so backfilled firings carry
 * their own past instants.
 */
public record ScheduledRunInput(String dagId) {}
