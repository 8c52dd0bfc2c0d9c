package dev.atelier.workflows.search;

/** Where a trial of a sweep is, as samplers and pruners see it. */
public enum TrialState {
  RUNNING,
  COMPLETE,
  PRUNED,
  FAILED
}
