package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Something a dependency can attach to: a task, a task group, or several of them at once (Airflow's
 * {@code DependencyMixin}). {@code a.then(b)} is Airflow's {@code a >> b}: every leaf of {@code a}
 * becomes upstream of every root of {@code b}. A group's roots and leaves are read when {@code
 * then} is called, as in Airflow, so fill a group before wiring it.
 */
public interface Node {
  /** The tasks a dependency coming from upstream attaches to. */
  List<Task> roots();

  /** The tasks a dependency going downstream leaves from. */
  List<Task> leaves();

  /** Airflow's {@code self >> next}; returns {@code next} so calls chain left to right. */
  default <T extends Node> T then(T next) {
    for (Task leaf : leaves()) {
      for (Task root : next.roots()) {
        leaf.linkDownstream(root);
      }
    }
    return next;
  }

  /** Airflow's {@code self >> [a, b]}. */
  default void then(List<? extends Node> next) {
    next.forEach(this::then);
  }

  /** Airflow's {@code [a, b]}: several nodes wired as one, e.g. {@code Node.all(a, b).then(c)}. */
  static Node all(Node... nodes) {
    return new Node() {
      @Override
      public List<Task> roots() {
        Set<Task> out = new LinkedHashSet<>();
        for (Node n : nodes) {
          out.addAll(n.roots());
        }
        return new ArrayList<>(out);
      }

      @Override
      public List<Task> leaves() {
        Set<Task> out = new LinkedHashSet<>();
        for (Node n : nodes) {
          out.addAll(n.leaves());
        }
        return new ArrayList<>(out);
      }
    };
  }
}
