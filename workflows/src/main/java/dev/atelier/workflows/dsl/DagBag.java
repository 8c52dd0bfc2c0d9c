package dev.atelier.workflows.dsl;

import java.util.Collection;
import java.util.Optional;

/** Airflow's DagBag: every Dag defined on the class path, validated when loaded. */
public final class DagBag {
  public static DagBag load() {
    throw new UnsupportedOperationException("TODO(workflows helper)");
  }

  public Optional<Dag> get(String dagId) {
    throw new UnsupportedOperationException("TODO(workflows helper)");
  }

  public Collection<Dag> all() {
    throw new UnsupportedOperationException("TODO(workflows helper)");
  }
}
