package dev.atelier.workflows.temporal;

/**
 * The MLflow tags the sweep workflow itself writes on its parent run. The names are the contract in
 * {@code activities}' {@code AtelierTags} (the workflow module does not depend on it), repeated
 * here; {@code AtelierTagsContractTest} there holds the two together.
 */
final class AtelierRunTags {
  static final String SWEEP_WORKFLOW_ID = "atelier.sweep_workflow_id";
  static final String BEST_TRIAL = "atelier.best_trial";
  static final String BEST_VALUE = "atelier.best_value";
  static final String BEST_RUN_ID = "atelier.best_run_id";
  static final String MAX_TRIALS = "atelier.max_trials";
  static final String MAX_PARALLEL_TRIALS = "atelier.max_parallel_trials";

  private AtelierRunTags() {}
}
