package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's conf as stored, and the part of it that is the Dag's params. A dataset-triggered run's
 * conf also carries {@value #TRIGGERING_DATASET_EVENTS} (Airflow puts them in the task context); a
 * client cannot send that key itself, because the params check refuses unknown keys.
 */
public final class RunConf {
  public static final String TRIGGERING_DATASET_EVENTS = "triggering_dataset_events";

  private RunConf() {}

  /** What {@code Params.resolve} checks and merges over the defaults. */
  public static Map<String, Object> params(DagRunRow run) {
    if (!run.conf().containsKey(TRIGGERING_DATASET_EVENTS)) {
      return run.conf();
    }
    Map<String, Object> params = new LinkedHashMap<>(run.conf());
    params.remove(TRIGGERING_DATASET_EVENTS);
    return params;
  }
}
