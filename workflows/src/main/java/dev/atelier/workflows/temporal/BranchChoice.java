package dev.atelier.workflows.temporal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads what a branch function returned: a task id, a list of them, a task group id, or null
 * (follow nothing). Ids that are neither tasks nor groups of the Dag fail the try with Airflow's
 * message.
 */
final class BranchChoice {
  private BranchChoice() {}

  /**
   * @throws IllegalArgumentException naming the branch, the bad ids or the bad value
   */
  static List<String> ids(String branchId, Object returned, Set<String> known) {
    List<String> ids = new ArrayList<>();
    if (returned instanceof String s) {
      ids.add(s);
    } else if (returned instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw notIds(branchId, returned);
        }
        ids.add(s);
      }
    } else if (returned != null) {
      throw notIds(branchId, returned);
    }
    List<String> invalid = ids.stream().filter(id -> !known.contains(id)).toList();
    if (!invalid.isEmpty()) {
      throw new IllegalArgumentException(
          "'branch_task_ids' must contain only valid task_ids. Invalid tasks found: " + invalid);
    }
    return ids;
  }

  private static IllegalArgumentException notIds(String branchId, Object returned) {
    return new IllegalArgumentException(
        "branch '"
            + branchId
            + "' must return a task id, a list of task ids or None, got "
            + returned);
  }
}
