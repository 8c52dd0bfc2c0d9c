package dev.atelier.workflows.schedule;

import java.time.Instant;

/**
 * Airflow's {@code TimeRestriction}: no run's interval starts before {@code earliest} (the Dag's
 * {@code start_date}) or after {@code latest} (its {@code end_date}); {@code catchup} says whether
 * the intervals missed since the last run are all owed, or only the latest.
 */
public record TimeRestriction(Instant earliest, Instant latest, boolean catchup) {}
