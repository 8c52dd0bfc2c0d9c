package dev.atelier.ui.repository;

/**
 * A Dag run seen as a sweep: its mapped task instances (the trials) counted, in all and finished.
 */
public record SweepRow(DagRunRow run, long trialCount, long doneCount) {}
