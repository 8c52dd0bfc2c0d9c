package dev.atelier.workflows.dsl;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * One task in a Dag's serialized form. Argument values are JSON; a reference to a param is {@code
 * {"$param": "name"}}. {@code expand} is empty unless the task is mapped, and keeps its order.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskSpec(
    String taskId,
    String operator,
    TaskKind kind,
    String activityType,
    Map<String, Object> args,
    Map<String, Object> expand,
    List<String> upstreamTaskIds,
    String triggerRule,
    int retries,
    long retryDelaySeconds) {

  @JsonIgnore
  public boolean mapped() {
    return expand != null && !expand.isEmpty();
  }
}
