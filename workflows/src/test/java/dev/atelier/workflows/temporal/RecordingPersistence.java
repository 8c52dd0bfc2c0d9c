package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.PersistenceActivities;
import dev.atelier.workflows.activities.TaskInstanceRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every state change the workflows write, in order, as the database would see them. */
class RecordingPersistence implements PersistenceActivities {
  final List<TaskInstanceRecord> records = new CopyOnWriteArrayList<>();
  final List<String> runStates = new CopyOnWriteArrayList<>();

  @Override
  public void recordTaskInstance(TaskInstanceRecord record) {
    records.add(record);
  }

  @Override
  public void recordTaskInstances(List<TaskInstanceRecord> batch) {
    records.addAll(batch);
  }

  @Override
  public void recordDagRunState(String dagId, String runId, String state, long atMillis) {
    runStates.add(state);
  }

  List<String> statesOf(String taskId, int mapIndex) {
    return of(taskId, mapIndex).stream().map(TaskInstanceRecord::state).toList();
  }

  TaskInstanceRecord last(String taskId, int mapIndex) {
    List<TaskInstanceRecord> rs = of(taskId, mapIndex);
    return rs.get(rs.size() - 1);
  }

  private List<TaskInstanceRecord> of(String taskId, int mapIndex) {
    return records.stream()
        .filter(r -> r.taskId().equals(taskId) && r.mapIndex() == mapIndex)
        .toList();
  }
}
