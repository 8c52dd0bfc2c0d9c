package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.workflows.dsl.Dag;
import dev.atelier.workflows.dsl.TaskSpec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Airflow 3's TaskResponse: one task as the code defines it, with its settings resolved against the
 * Dag's default args (retries, pool, trigger rule, priority weight). {@code
 * retry_exponential_backoff} is Airflow 3.3's multiplier: 2 when backoff is on, else 0.
 */
public record TaskResponse(
    String taskId,
    String taskDisplayName,
    String owner,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    String triggerRule,
    boolean dependsOnPast,
    boolean waitForDownstream,
    double retries,
    String queue,
    String pool,
    double poolSlots,
    TimeDelta executionTimeout,
    TimeDelta retryDelay,
    double retryExponentialBackoff,
    double priorityWeight,
    String weightRule,
    String uiColor,
    String uiFgcolor,
    List<String> templateFields,
    List<String> downstreamTaskIds,
    String docMd,
    String operatorName,
    Map<String, Object> params,
    Map<String, Object> classRef,
    boolean isMapped,
    List<String> extraLinks) {

  static TaskResponse of(Dag dag, TaskSpec t) {
    List<String> downstream =
        dag.toSpec().tasks().stream()
            .filter(other -> other.upstreamTaskIds().contains(t.taskId()))
            .map(TaskSpec::taskId)
            .sorted()
            .toList();
    boolean mapped =
        (t.expand() != null && !t.expand().isEmpty())
            || t.expandKwargs() != null
            || t.search() != null;
    return new TaskResponse(
        t.taskId(),
        t.taskId(),
        dag.defaultArgs().owner(),
        dag.startDate() == null ? null : dag.startDate().atOffset(ZoneOffset.UTC),
        null,
        t.triggerRule(),
        false,
        false,
        t.retries(),
        "default",
        t.pool() == null ? "default_pool" : t.pool(),
        t.poolSlots(),
        TimeDelta.ofSeconds(t.executionTimeoutSeconds()),
        TimeDelta.ofSeconds(t.retryDelaySeconds()),
        t.retryExponentialBackoff() ? 2.0 : 0.0,
        t.priorityWeight(),
        t.weightRule(),
        "#fff",
        "#000",
        List.of(),
        downstream,
        null,
        t.operator(),
        Map.of(),
        Map.of("module_path", "dev.atelier.workflows.dsl", "class_name", t.operator()),
        mapped,
        List.of());
  }
}
