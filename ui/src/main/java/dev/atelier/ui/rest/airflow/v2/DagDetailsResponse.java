package dev.atelier.ui.rest.airflow.v2;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.atelier.workflows.dsl.Dag;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Airflow 3's DAGDetailsResponse: the DAGResponse fields plus what the code defines (catchup, start
 * date, params, default args). Each param is Airflow's serialized form: its default as {@code
 * value}, its description and its JSON schema. A Dag the code no longer defines has none of these.
 * {@code latest_dag_version} is the Dag's newest recorded version.
 */
public record DagDetailsResponse(
    @JsonUnwrapped DagResponse dag,
    boolean catchup,
    String dagRunTimeout,
    Map<String, Object> assetExpression,
    String docMd,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    Boolean isPausedUponCreation,
    Map<String, Object> params,
    boolean renderTemplateAsNativeObj,
    String timezone,
    OffsetDateTime lastParsed,
    Map<String, Object> defaultArgs,
    boolean isFavorite,
    int activeRunsCount,
    DagVersionResponse latestDagVersion,
    int concurrency) {

  static DagDetailsResponse of(
      DagResponse dag, Dag code, int activeRuns, DagVersionResponse latestVersion) {
    Map<String, Object> params = new LinkedHashMap<>();
    Map<String, Object> defaults = new LinkedHashMap<>();
    if (code != null) {
      code.params()
          .asMap()
          .forEach(
              (name, p) -> {
                Map<String, Object> serialized = new LinkedHashMap<>();
                serialized.put("value", p.defaultValue());
                serialized.put("description", p.description());
                serialized.put("schema", code.params().schema().get(name));
                params.put(name, serialized);
              });
      defaults.put("owner", code.defaultArgs().owner());
      defaults.put("retries", code.defaultArgs().retries());
      defaults.put("retry_delay", (double) code.defaultArgs().retryDelay().toSeconds());
    }
    return new DagDetailsResponse(
        dag,
        code != null && code.catchup(),
        null,
        null,
        null,
        code == null || code.startDate() == null ? null : code.startDate().atOffset(ZoneOffset.UTC),
        null,
        null,
        params,
        false,
        "UTC",
        dag.lastParsedTime(),
        defaults,
        false,
        activeRuns,
        latestVersion,
        dag.maxActiveTasks());
  }
}
