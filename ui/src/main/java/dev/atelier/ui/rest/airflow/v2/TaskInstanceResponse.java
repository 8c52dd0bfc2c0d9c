package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.TaskInstanceRow;
import dev.atelier.workflows.dsl.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Airflow 3's TaskInstanceResponse. {@code id} is derived from the instance's key (Dag, run, task,
 * map index), so it is stable; {@code max_tries}, pool and priority come from the task as the code
 * defines it ({@code spec}, null when the code no longer has the task). Executor fields (hostname,
 * pid, trigger) have Airflow's "none" values: Temporal runs the tasks.
 */
public record TaskInstanceResponse(
    String id,
    String taskId,
    String dagId,
    String dagRunId,
    int mapIndex,
    OffsetDateTime logicalDate,
    OffsetDateTime runAfter,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    Double duration,
    String state,
    int tryNumber,
    int maxTries,
    String taskDisplayName,
    String dagDisplayName,
    String hostname,
    String unixname,
    String pool,
    int poolSlots,
    String queue,
    Integer priorityWeight,
    String operator,
    String operatorName,
    OffsetDateTime queuedWhen,
    OffsetDateTime scheduledWhen,
    Integer pid,
    String executor,
    String executorConfig,
    String note,
    String renderedMapIndex,
    Map<String, Object> renderedFields,
    Object trigger,
    Object triggererJob,
    Object dagVersion) {

  static TaskInstanceResponse of(DagRunRow run, TaskInstanceRow ti, TaskSpec spec) {
    return new TaskInstanceResponse(
        id(ti),
        ti.taskId(),
        ti.dagId(),
        ti.runId(),
        ti.mapIndex(),
        run.logicalDate(),
        run.runAfter(),
        ti.startDate(),
        ti.endDate(),
        duration(ti),
        state(ti.state()),
        ti.tryNumber(),
        spec == null ? 0 : spec.retries(),
        ti.taskId(),
        ti.dagId(),
        null,
        "atelier",
        pool(spec),
        spec == null ? 1 : spec.poolSlots(),
        "default",
        spec == null ? 1 : spec.priorityWeight(),
        ti.operator(),
        ti.operator(),
        null,
        null,
        null,
        null,
        "{}",
        ti.note(),
        ti.mapIndex() < 0 ? null : String.valueOf(ti.mapIndex()),
        Map.of(),
        null,
        null,
        null);
  }

  /** A stable id for the instance (a name-based UUID of its key). */
  static String id(TaskInstanceRow ti) {
    String key = ti.dagId() + "\0" + ti.runId() + "\0" + ti.taskId() + "\0" + ti.mapIndex();
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  static Double duration(TaskInstanceRow ti) {
    return ti.startDate() == null || ti.endDate() == null
        ? null
        : Duration.between(ti.startDate(), ti.endDate()).toMillis() / 1000.0;
  }

  /** Airflow 3 has no "none" state: an instance without a state has null. */
  static String state(String stored) {
    return stored == null || stored.equals("none") ? null : stored;
  }

  static String pool(TaskSpec spec) {
    return spec == null || spec.pool() == null ? "default_pool" : spec.pool();
  }
}
