package dev.atelier.workflows.dsl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Airflow's {@code TaskGroup}: tasks added through it get the group's id as a prefix ({@code
 * extract.load}; nested groups stack: {@code outer.inner.task}), and a dependency on the group
 * means all its roots (tasks with no upstream inside the group) or all its leaves (no downstream
 * inside it). As in Airflow, roots and leaves are read when a dependency is set, so fill a group
 * first.
 */
public final class TaskGroup implements Node {
  private final DagBuilder dag;
  private final TaskGroup parent;
  private final String localId;
  private final Set<Task> members = new LinkedHashSet<>();

  TaskGroup(DagBuilder dag, TaskGroup parent, String groupId) {
    this.dag = dag;
    this.parent = parent;
    this.localId = groupId;
  }

  /** The full id: {@code outer.inner} for a nested group. */
  public String groupId() {
    return parent == null ? localId : parent.childId(localId);
  }

  String childId(String id) {
    return groupId() + "." + id;
  }

  /** Adds a task to the group (and so to the Dag); its id becomes {@code group.task}. */
  public <T extends Task> T add(T task) {
    task.joinGroup(this);
    for (TaskGroup g = this; g != null; g = g.parent) {
      g.members.add(task);
    }
    return dag.addTask(task);
  }

  /** A group nested in this one. */
  public TaskGroup group(String groupId) {
    return dag.addGroup(new TaskGroup(dag, this, groupId));
  }

  /** Every task in the group and its nested groups, in the order added. */
  public List<Task> tasks() {
    return List.copyOf(members);
  }

  @Override
  public List<Task> roots() {
    List<Task> out = new ArrayList<>();
    for (Task t : members) {
      if (t.upstream().stream().noneMatch(members::contains)) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public List<Task> leaves() {
    List<Task> out = new ArrayList<>();
    for (Task t : members) {
      if (t.downstream().stream().noneMatch(members::contains)) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "<TaskGroup: " + groupId() + ">";
  }
}
