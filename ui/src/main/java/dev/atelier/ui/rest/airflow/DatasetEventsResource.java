package dev.atelier.ui.rest.airflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DatasetEventFilter;
import dev.atelier.ui.repository.DatasetEventRow;
import dev.atelier.ui.repository.DatasetRepository;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.DatasetEventEmitter;
import dev.atelier.ui.service.InputRules;
import dev.atelier.workflows.dsl.Limits;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/datasets/events}: an outside system says a dataset changed, and anyone reads the
 * changes. An event starts the Dags scheduled on its dataset whose condition it completes, before
 * the answer is sent, so the answer's {@code created_dagruns} already lists them (Airflow's
 * scheduler creates them a moment later). The dataset watcher emits its events the same way ({@link
 * DatasetEventEmitter}). Unlike Airflow, the first event of an unknown URI creates its dataset, so
 * producers need not wait for a consumer Dag to exist.
 */
@Path("/api/v1/datasets/events")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetEventsResource {
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("source_dag_id", "e.source_dag_id");
    ORDER.put("source_task_id", "e.source_task_id");
    ORDER.put("source_run_id", "e.source_run_id");
    ORDER.put("source_map_index", "e.source_map_index");
    ORDER.put("timestamp", "e.created_at");
  }

  private final DatasetRepository datasets;
  private final DatasetTriggerRepository triggers;
  private final DatasetEventEmitter emitter;
  private final ObjectMapper json;

  DatasetEventsResource(
      DatasetRepository datasets,
      DatasetTriggerRepository triggers,
      DatasetEventEmitter emitter,
      ObjectMapper json) {
    this.datasets = datasets;
    this.triggers = triggers;
    this.emitter = emitter;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public AirflowDatasetEvent create(
      @Valid @NotNull(message = "is required: {\"dataset_uri\": ..., \"extra\": {...}}")
          CreateDatasetEvent body) {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (body.extra() != null) {
      refuseLargeExtra(body.extra());
      extra.putAll(body.extra());
    }
    // As Airflow marks events that came through its REST API.
    extra.put("from_rest_api", true);
    String uri = InputRules.uri("body", "dataset_uri", body.datasetUri().strip());
    DatasetEventEmitter.Emitted emitted = emitter.emit(uri, extra);
    return AirflowDatasetEvent.of(emitted.event(), emitted.createdRuns());
  }

  /**
   * An event's extra is stored with it and copied into the conf of every run it triggers, so its
   * size is capped ({@link Limits#MAX_EXTRA_BYTES}).
   */
  private void refuseLargeExtra(Map<String, Object> extra) {
    int bytes;
    try {
      bytes = json.writeValueAsBytes(extra).length;
    } catch (JsonProcessingException e) {
      throw ApiProblem.badRequest(
          "extra: cannot be written as JSON (" + e.getOriginalMessage() + ")");
    }
    if (bytes > Limits.MAX_EXTRA_BYTES) {
      throw ApiProblem.badRequest(
          "extra: "
              + bytes
              + " bytes of JSON is above the maximum of "
              + Limits.MAX_EXTRA_BYTES
              + " bytes");
    }
  }

  @GET
  @RolesAllowed("viewer")
  public AirflowDatasetEventCollection list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") String orderBy,
      @QueryParam("dataset_id") String datasetId,
      @QueryParam("source_dag_id") String sourceDagId,
      @QueryParam("source_task_id") String sourceTaskId,
      @QueryParam("source_run_id") String sourceRunId,
      @QueryParam("source_map_index") String sourceMapIndex) {
    DatasetEventFilter filter =
        new DatasetEventFilter(
            datasetId == null || datasetId.isBlank()
                ? null
                : QueryValues.longInteger("query", "dataset_id", datasetId),
            sourceDagId,
            sourceTaskId,
            sourceRunId,
            QueryValues.optionalInteger("source_map_index", sourceMapIndex));
    Page page =
        new Page(
            Paging.limit(limit),
            Paging.offset(offset),
            OrderBy.sql(orderBy, ORDER, "e.created_at asc, e.id", "e.id"));
    List<DatasetEventRow> events = datasets.events(filter, page);
    Map<Long, List<DagRunRow>> created =
        triggers.createdRuns(events.stream().map(DatasetEventRow::id).toList());
    return new AirflowDatasetEventCollection(
        events.stream()
            .map(e -> AirflowDatasetEvent.of(e, created.getOrDefault(e.id(), List.of())))
            .toList(),
        datasets.countEvents(filter));
  }
}
