package dev.atelier.workflows.dsl;

import java.util.Map;

/** A Dag's typed params (Airflow's Param with a JSON-schema subset). TODO(workflows helper). */
public final class Params {
  /**
   * Merges a run's conf over the defaults and validates the result.
   *
   * @throws InvalidParamsException naming every bad field, its value and the rule it breaks
   */
  public Map<String, Object> resolve(Map<String, Object> conf) {
    throw new UnsupportedOperationException();
  }

  /** The JSON-schema-like description of each param, for the API and UI. */
  public Map<String, Object> schema() {
    throw new UnsupportedOperationException();
  }
}
