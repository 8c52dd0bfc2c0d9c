/**
 * When Dags run on their own, Airflow's way, as pure and deterministic code: cron expressions
 * (croniter's reading, UTC), presets, fixed intervals, {@code @once} and asset conditions ({@code
 * Asset}, {@code AssetAll}/{@code AssetAny}; Airflow 2's {@code Dataset} names are deprecated
 * aliases) become {@link dev.atelier.workflows.schedule.Timetable}s that compute data intervals,
 * the next run and the runs a catch-up owes, exactly as Airflow 2's timetables do. {@link
 * dev.atelier.workflows.schedule.TemporalSpecs} turns a timetable into a Temporal Schedule spec
 * that fires on the same instants, and {@link dev.atelier.workflows.schedule.ScheduledRunWorkflow}
 * is the tiny workflow such a Schedule starts: it reads the instant it was scheduled for and asks
 * the application to create the run, so every run, manual or not, is created by the same code.
 */
package dev.atelier.workflows.schedule;
