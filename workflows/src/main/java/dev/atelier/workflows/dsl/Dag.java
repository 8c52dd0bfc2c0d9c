package dev.atelier.workflows.dsl;

import java.util.List;

/** An Airflow Dag. TODO(workflows helper): the DSL. These accessors are used by the ui module. */
public final class Dag {
  public String dagId() {
    throw new UnsupportedOperationException();
  }

  public String description() {
    throw new UnsupportedOperationException();
  }

  /** The schedule as written (preset, cron, or null for manual-only). */
  public String schedule() {
    throw new UnsupportedOperationException();
  }

  public List<String> tags() {
    throw new UnsupportedOperationException();
  }

  public Params params() {
    throw new UnsupportedOperationException();
  }

  public DagSpec toSpec() {
    throw new UnsupportedOperationException();
  }
}
