package dev.atelier.workflows.dsl;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.atelier.workflows.search.SearchSpec;
import java.util.List;
import java.util.Map;

/**
 * One task in a Dag's serialized form, every setting resolved against the Dag's default_args.
 * Argument values are JSON; a reference to a param is {@code {"$param": "name"}} and to another
 * task's XCom {@code {"$xcom": {"task_id": "t", "key": "return_value"}}}. {@code expand} is empty
 * unless the task is mapped, and keeps its order; {@code expand_kwargs} is Airflow's {@code
 * expand_kwargs} source. {@code priority_weight} is the effective weight after the weight rule.
 * Durations are whole seconds; null means "none" (no cap, no timeout). {@code outlets} are the
 * dataset URIs a success records an event for; {@code outlet_aliases} the names of the {@code
 * AssetAlias}es its function may add asset events through. {@code search} is a searching {@code
 * TrainOperator}'s search (its space, objective, algorithm, budget and stopping; its fields in
 * camelCase, as the sweep workflow's input carries it), null for every other task.
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
    long retryDelaySeconds,
    Object expandKwargs,
    String callable,
    boolean retryExponentialBackoff,
    Long maxRetryDelaySeconds,
    Long executionTimeoutSeconds,
    String pool,
    int poolSlots,
    int priorityWeight,
    String weightRule,
    Integer maxActiveTisPerDagrun,
    boolean ignoreDownstreamTriggerRules,
    String taskGroup,
    SensorSpec sensor,
    List<String> outlets,
    SearchSpec search,
    List<String> outletAliases) {

  /**
   * Airflow's {@code outlets}: dataset URIs; empty when none (null in the spec, as in older ones).
   */
  @JsonIgnore
  public List<String> outletUris() {
    return outlets == null ? List.of() : outlets;
  }

  /** Airflow 3's alias outlets: the names of the task's {@code AssetAlias}es; empty when none. */
  @JsonIgnore
  public List<String> outletAliasNames() {
    return outletAliases == null ? List.of() : outletAliases;
  }

  /**
   * Mapped over a fixed list ({@code expand}, {@code expand_kwargs}) or over the trials a search
   * proposes: either way its instances are map indexes.
   */
  @JsonIgnore
  public boolean mapped() {
    return (expand != null && !expand.isEmpty()) || expandKwargs != null || search != null;
  }

  /** What a kind of task adds to the common settings. */
  public record Extras(
      String callable, boolean ignoreDownstreamTriggerRules, SensorSpec sensor, SearchSpec search) {
    static final Extras NONE = new Extras(null, false, null, null);

    public Extras(String callable, boolean ignoreDownstreamTriggerRules, SensorSpec sensor) {
      this(callable, ignoreDownstreamTriggerRules, sensor, null);
    }
  }
}
