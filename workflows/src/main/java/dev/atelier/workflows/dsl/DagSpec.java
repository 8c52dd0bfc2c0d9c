package dev.atelier.workflows.dsl;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The serializable (JSON) form of a Dag that a run carries, so a later change to the Dag's code
 * cannot change a run in flight. Plain records of JSON values: Jackson and Temporal's default data
 * converter read and write it without extra modules. {@code params} is the params' schema (as
 * {@link Params#schema()}); tasks are in definition order. {@code max_active_tasks} caps the task
 * instances of one run that are queued or running at once.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DagSpec(
    String dagId,
    String description,
    String schedule,
    String startDate,
    boolean catchup,
    int maxActiveRuns,
    List<String> tags,
    Map<String, Object> params,
    List<TaskSpec> tasks,
    int maxActiveTasks) {

  @JsonIgnore
  public Optional<TaskSpec> task(String taskId) {
    return tasks.stream().filter(t -> t.taskId().equals(taskId)).findFirst();
  }
}
