package dev.atelier.ui.service;

import dev.atelier.ui.config.AtelierConfig;
import dev.atelier.workflows.data.DataRoots;
import dev.atelier.workflows.data.DatasetParams;
import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.InvalidParamsException;
import dev.atelier.workflows.dsl.SweepSize;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's params, checked the one way every run is: its conf merged over the Dag's defaults and
 * held to their rules, and each dataset param (one a {@code PrepareDataset} task reads as its
 * folder) held to the data roots for the configured launcher, and each mapped task's trial count
 * held to {@code Limits.MAX_TRIALS_PER_SWEEP}. A trigger, a backfill, a dataset-triggered or
 * scheduled run and the admission that starts it all ask here, so a folder that no trial could read
 * is refused before a run row is written, not found out in a trial's pod.
 */
@ApplicationScoped
public class RunParams {
  private final DataRoots roots;
  private final String launcher;

  RunParams(DataRoots roots, AtelierConfig config) {
    this.roots = roots;
    this.launcher = config.launcher();
  }

  /**
   * @return the params the run's workflow starts with
   * @throws InvalidParamsException naming every bad field, its value and the rule (a 400)
   */
  public Map<String, Object> resolve(Dag dag, Map<String, Object> conf) {
    List<String> violations = new ArrayList<>();
    Map<String, Object> params = null;
    try {
      params = dag.params().resolve(conf);
      violations.addAll(SweepSize.violations(dag, params));
    } catch (InvalidParamsException e) {
      violations.addAll(e.violations());
    }
    violations.addAll(DatasetParams.violations(dag, conf, roots, launcher));
    if (!violations.isEmpty()) {
      throw new InvalidParamsException(dag.dagId(), violations);
    }
    return params;
  }
}
