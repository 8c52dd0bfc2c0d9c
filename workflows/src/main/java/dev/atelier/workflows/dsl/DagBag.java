package dev.atelier.workflows.dsl;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Airflow's DagBag: every Dag defined on the class path, validated when loaded. A malformed Dag
 * fails the load with its errors rather than disappearing quietly, as a broken Dag file shows an
 * import error in Airflow.
 */
public final class DagBag {
  private final Map<String, Dag> dags;

  private DagBag(Map<String, Dag> dags) {
    this.dags = Collections.unmodifiableMap(dags);
  }

  /**
   * Loads every {@link DagDefinition} listed in {@code META-INF/services}.
   *
   * @throws DagValidationException if a Dag is malformed
   * @throws IllegalStateException if two definitions use the same dag_id
   */
  public static DagBag load() {
    return of(ServiceLoader.load(DagDefinition.class, DagBag.class.getClassLoader()));
  }

  /** A bag of the given definitions (tests, or an embedding application). */
  public static DagBag of(Iterable<? extends DagDefinition> definitions) {
    Map<String, Dag> dags = new LinkedHashMap<>();
    for (DagDefinition definition : definitions) {
      Dag dag = definition.define();
      Dag previous = dags.putIfAbsent(dag.dagId(), dag);
      if (previous != null) {
        throw new IllegalStateException(
            "dag_id '"
                + dag.dagId()
                + "' is defined twice ("
                + definition.getClass().getName()
                + ")");
      }
    }
    return new DagBag(dags);
  }

  public Optional<Dag> get(String dagId) {
    return Optional.ofNullable(dags.get(dagId));
  }

  public Collection<Dag> all() {
    return dags.values();
  }
}
