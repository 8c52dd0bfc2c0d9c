/**
 * Schedules, dataset triggers and max_active_runs against the real PostgreSQL and Temporal, with
 * small test Dags (listed in the test class path's {@code META-INF/services}) whose runs finish at
 * once.
 */
package dev.atelier.ui.schedule;
