package dev.atelier.workflows.dsl;

/**
 * A Dag written in Java. Implementations are listed in {@code
 * META-INF/services/dev.atelier.workflows.dsl.DagDefinition} and collected by {@link DagBag}.
 */
public interface DagDefinition {
  Dag define();
}
