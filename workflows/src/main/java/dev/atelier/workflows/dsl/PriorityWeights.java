package dev.atelier.workflows.dsl;

import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Airflow's {@code priority_weight_total}: a task's own weight plus the weights of all its
 * descendants (weight rule {@code downstream}) or ancestors ({@code upstream}), each counted once,
 * or its own alone ({@code absolute}); clamped to the 32-bit range as Airflow clamps it. Computed
 * without recursion over a topological order, with one bit set of relatives per task, so a
 * 10,000-task chain is quick and cannot overflow the stack. Expects an acyclic graph.
 */
final class PriorityWeights {
  private PriorityWeights() {}

  static Map<Task, Integer> compute(List<Task> tasks, Map<Task, TaskSettings.Resolved> settings) {
    int n = tasks.size();
    Map<Task, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(tasks.get(i), i);
    }
    int[] own = new int[n];
    boolean needDown = false;
    boolean needUp = false;
    for (int i = 0; i < n; i++) {
      TaskSettings.Resolved s = settings.get(tasks.get(i));
      own[i] = s.priorityWeight();
      needDown |= s.weightRule() == WeightRule.DOWNSTREAM;
      needUp |= s.weightRule() == WeightRule.UPSTREAM;
    }
    List<Task> topo = Topology.order(tasks);
    int[] order = new int[topo.size()];
    for (int k = 0; k < order.length; k++) {
      order[k] = index.get(topo.get(k));
    }
    BitSet[] below = needDown ? relatives(tasks, index, order, true) : null;
    BitSet[] above = needUp ? relatives(tasks, index, order, false) : null;
    Map<Task, Integer> out = new IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      WeightRule rule = settings.get(tasks.get(i)).weightRule();
      BitSet rel =
          rule == WeightRule.DOWNSTREAM ? below[i] : rule == WeightRule.UPSTREAM ? above[i] : null;
      long total = own[i];
      if (rel != null) {
        for (int j = rel.nextSetBit(0); j >= 0; j = rel.nextSetBit(j + 1)) {
          total += own[j];
        }
      }
      out.put(tasks.get(i), (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, total)));
    }
    return out;
  }

  /** For each task, the set of its descendants ({@code down}) or ancestors. */
  private static BitSet[] relatives(
      List<Task> tasks, Map<Task, Integer> index, int[] order, boolean down) {
    int n = tasks.size();
    BitSet[] rel = new BitSet[n];
    for (int k = 0; k < n; k++) {
      int i = down ? order[n - 1 - k] : order[k];
      BitSet set = new BitSet(n);
      for (Task next : down ? tasks.get(i).downstream() : tasks.get(i).upstream()) {
        Integer j = index.get(next);
        if (j != null) {
          set.set(j);
          set.or(rel[j]);
        }
      }
      rel[i] = set;
    }
    return rel;
  }
}
