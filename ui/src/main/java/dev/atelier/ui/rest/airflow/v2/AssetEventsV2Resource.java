package dev.atelier.ui.rest.airflow.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.ui.repository.AssetFilter;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.DatasetEventFilter;
import dev.atelier.ui.repository.DatasetEventRow;
import dev.atelier.ui.repository.DatasetRepository;
import dev.atelier.ui.repository.DatasetRow;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.service.AssetDeclarations;
import dev.atelier.ui.service.DatasetEventEmitter;
import dev.atelier.workflows.dsl.Limits;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v2/assets/events}: Airflow 3's asset events, read with its filters, and created by
 * {@code asset_id} through the same {@link DatasetEventEmitter} as v1's {@code POST
 * /api/v1/datasets/events}: the event is stored, and the Dags scheduled on the asset whose
 * condition it completes start before the answer is sent (its {@code created_dagruns} lists them).
 * Unlike v1, the asset must exist (404 otherwise), as in Airflow 3.
 */
@Path("/api/v2/assets/events")
@Produces(MediaType.APPLICATION_JSON)
public class AssetEventsV2Resource {
  private static final Set<String> CREATE_FIELDS =
      Set.of("asset_id", "extra", "partition_key", "access_control");
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("id", "e.id");
    ORDER.put("source_task_id", "e.source_task_id");
    ORDER.put("source_dag_id", "e.source_dag_id");
    ORDER.put("source_run_id", "e.source_run_id");
    ORDER.put("source_map_index", "e.source_map_index");
    ORDER.put("timestamp", "e.created_at");
  }

  private final DatasetRepository datasets;
  private final DatasetTriggerRepository triggers;
  private final DatasetEventEmitter emitter;
  private final AssetDeclarations declared;
  private final ObjectMapper json;

  AssetEventsV2Resource(
      DatasetRepository datasets,
      DatasetTriggerRepository triggers,
      DatasetEventEmitter emitter,
      AssetDeclarations declared,
      ObjectMapper json) {
    this.datasets = datasets;
    this.triggers = triggers;
    this.emitter = emitter;
    this.declared = declared;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public AssetEventResponse create(String text) {
    RequestChecks checks = new RequestChecks();
    JsonBody body = JsonBody.parse(text, CREATE_FIELDS, checks);
    Long assetId = body.integer("asset_id");
    if (assetId == null && !body.has("asset_id") && checks.ok()) {
      checks.add(Violation.missing(RequestChecks.body("asset_id")));
    }
    Map<String, Object> extra = body.object("extra");
    if (extra != null) {
      refuseLargeExtra(checks, extra);
    }
    String partition = body.string("partition_key", RequestChecks.ID_LEN);
    if (partition != null) {
      checks.add(
          Violation.of(
              "value_error",
              RequestChecks.body("partition_key"),
              partition,
              "cannot be set: Atelier's assets are not partitioned"));
    }
    if (body.has("access_control") && !body.isNull("access_control")) {
      checks.add(
          Violation.of(
              "value_error",
              RequestChecks.body("access_control"),
              "…",
              "is not supported: every member may emit every asset's events"));
    }
    checks.throwIfAny();
    DatasetRow asset =
        datasets
            .find(assetId)
            .orElseThrow(
                () ->
                    dev.atelier.ui.service.ApiProblem.notFound(
                        "Asset not found", "Asset with ID: `" + assetId + "` was not found"));
    Map<String, Object> stored = new LinkedHashMap<>();
    if (extra != null) {
      stored.putAll(extra);
    }
    // As Airflow marks events that came through its REST API.
    stored.put("from_rest_api", true);
    DatasetEventEmitter.Emitted emitted = emitter.emit(asset.uri(), stored);
    return AssetEventResponse.of(emitted.event(), emitted.createdRuns(), declared);
  }

  /**
   * An event's extra is stored with it and copied into the conf of every run it triggers, so its
   * size is capped ({@link Limits#MAX_EXTRA_BYTES}), as in v1.
   */
  private void refuseLargeExtra(RequestChecks checks, Map<String, Object> extra) {
    int bytes;
    try {
      bytes = json.writeValueAsBytes(extra).length;
    } catch (JsonProcessingException e) {
      checks.add(
          Violation.of(
              "value_error",
              RequestChecks.body("extra"),
              "…",
              "cannot be written as JSON (" + e.getOriginalMessage() + ")"));
      return;
    }
    if (bytes > Limits.MAX_EXTRA_BYTES) {
      checks.add(
          new Violation(
              "value_error",
              RequestChecks.body("extra"),
              "extra: "
                  + bytes
                  + " bytes of JSON is above the maximum of "
                  + Limits.MAX_EXTRA_BYTES
                  + " bytes",
              bytes,
              Map.of("max_bytes", Limits.MAX_EXTRA_BYTES)));
    }
  }

  @GET
  @RolesAllowed("viewer")
  public AssetEventCollectionResponse list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") List<String> orderBy,
      @QueryParam("asset_id") String assetId,
      @QueryParam("source_dag_id") String sourceDagId,
      @QueryParam("source_task_id") String sourceTaskId,
      @QueryParam("source_run_id") String sourceRunId,
      @QueryParam("source_map_index") String sourceMapIndex,
      @QueryParam("name_pattern") String namePattern,
      @QueryParam("name_prefix_pattern") String namePrefix,
      @QueryParam("timestamp_gte") String gte,
      @QueryParam("timestamp_gt") String gt,
      @QueryParam("timestamp_lte") String lte,
      @QueryParam("timestamp_lt") String lt) {
    RequestChecks checks = new RequestChecks();
    int lim = checks.limit(limit);
    int off = checks.offset(offset);
    Integer asset = checks.integer(RequestChecks.query("asset_id"), assetId, null);
    checks.text(RequestChecks.query("source_dag_id"), sourceDagId, RequestChecks.ID_LEN);
    checks.text(RequestChecks.query("source_task_id"), sourceTaskId, RequestChecks.ID_LEN);
    checks.text(RequestChecks.query("source_run_id"), sourceRunId, RequestChecks.ID_LEN);
    Integer mapIndex =
        checks.integer(RequestChecks.query("source_map_index"), sourceMapIndex, null);
    checks.text(RequestChecks.query("name_pattern"), namePattern, 1500);
    checks.text(RequestChecks.query("name_prefix_pattern"), namePrefix, 1500);
    OffsetDateTime from = checks.dateTime(RequestChecks.query("timestamp_gte"), gte);
    OffsetDateTime after = checks.dateTime(RequestChecks.query("timestamp_gt"), gt);
    OffsetDateTime to = checks.dateTime(RequestChecks.query("timestamp_lte"), lte);
    OffsetDateTime before = checks.dateTime(RequestChecks.query("timestamp_lt"), lt);
    String order = checks.orderBy(orderBy, ORDER, "e.created_at", "e.id");
    checks.throwIfAny();
    Set<String> uris = null;
    if ((namePattern != null && !namePattern.isEmpty())
        || (namePrefix != null && !namePrefix.isEmpty())) {
      uris =
          datasets.uris(
              new AssetFilter(
                  null,
                  null,
                  declared.declaredUris(),
                  namePattern,
                  namePattern == null ? Set.of() : declared.urisNamedLike(namePattern),
                  namePrefix,
                  namePrefix == null ? Set.of() : declared.urisNamedFrom(namePrefix),
                  null));
    }
    DatasetEventFilter filter =
        new DatasetEventFilter(
            asset == null ? null : (long) asset,
            sourceDagId,
            sourceTaskId,
            sourceRunId,
            mapIndex,
            uris,
            from,
            after,
            to,
            before);
    List<DatasetEventRow> events = datasets.events(filter, new Page(lim, off, order));
    Map<Long, List<DagRunRow>> created =
        triggers.createdRuns(events.stream().map(DatasetEventRow::id).toList());
    return new AssetEventCollectionResponse(
        events.stream()
            .map(e -> AssetEventResponse.of(e, created.getOrDefault(e.id(), List.of()), declared))
            .toList(),
        datasets.countEvents(filter));
  }
}
