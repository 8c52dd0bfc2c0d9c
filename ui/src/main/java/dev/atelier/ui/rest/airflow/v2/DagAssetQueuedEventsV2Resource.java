package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DatasetTriggerRepository;
import dev.atelier.ui.repository.QueuedAssetEvent;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v2/dags/{dag_id}/assets/...queuedEvents}: the asset events an asset-scheduled Dag has
 * not consumed yet (Airflow 3's asset Dag-run queue: one entry per asset, dated by its oldest
 * event), read and dropped. Dropping moves the Dag's watermark past them: the events stay recorded
 * but never trigger this Dag. {@code before} keeps the events older than it. 404 when nothing is
 * queued, as in Airflow 3.
 */
@Path("/api/v2/dags/{dag_id}/assets")
@Produces(MediaType.APPLICATION_JSON)
public class DagAssetQueuedEventsV2Resource {
  private final DagRepository dags;
  private final DatasetTriggerRepository triggers;
  private final AuditLog audit;

  DagAssetQueuedEventsV2Resource(
      DagRepository dags, DatasetTriggerRepository triggers, AuditLog audit) {
    this.dags = dags;
    this.triggers = triggers;
    this.audit = audit;
  }

  @GET
  @Path("/queuedEvents")
  @RolesAllowed("viewer")
  public QueuedEventCollectionResponse list(
      @PathParam("dag_id") String dagId, @QueryParam("before") String before) {
    OffsetDateTime until = checked(dagId, null, before);
    List<QueuedAssetEvent> queued = triggers.queued(dagId, null, until);
    if (queued.isEmpty()) {
      throw notQueued(dagId);
    }
    return new QueuedEventCollectionResponse(
        queued.stream().map(QueuedEventResponse::of).toList(), queued.size());
  }

  @DELETE
  @Path("/queuedEvents")
  @RolesAllowed("member")
  public Response drop(@PathParam("dag_id") String dagId, @QueryParam("before") String before) {
    OffsetDateTime until = checked(dagId, null, before);
    if (triggers.dropQueued(dagId, null, until) == 0) {
      throw notQueued(dagId);
    }
    audit.record("drop-queued-events", AuditTargets.dag(dagId), detail(null, until));
    return Response.noContent().build();
  }

  @GET
  @Path("/{asset_id}/queuedEvents")
  @RolesAllowed("viewer")
  public QueuedEventResponse get(
      @PathParam("dag_id") String dagId,
      @PathParam("asset_id") String assetId,
      @QueryParam("before") String before) {
    OffsetDateTime until = checked(dagId, assetId, before);
    long id = assetId(assetId);
    return triggers.queued(dagId, id, until).stream()
        .findFirst()
        .map(QueuedEventResponse::of)
        .orElseThrow(() -> notQueued(dagId, id));
  }

  @DELETE
  @Path("/{asset_id}/queuedEvents")
  @RolesAllowed("member")
  public Response dropOne(
      @PathParam("dag_id") String dagId,
      @PathParam("asset_id") String assetId,
      @QueryParam("before") String before) {
    OffsetDateTime until = checked(dagId, assetId, before);
    long id = assetId(assetId);
    if (triggers.dropQueued(dagId, id, until) == 0) {
      throw notQueued(dagId, id);
    }
    audit.record("drop-queued-events", AuditTargets.dag(dagId), detail(id, until));
    return Response.noContent().build();
  }

  /** Checks the parameters (422 naming each bad one) and that the Dag exists (404). */
  private OffsetDateTime checked(String dagId, String assetId, String before) {
    RequestChecks checks = new RequestChecks();
    checks.id("dag_id", dagId);
    if (assetId != null) {
      AssetsV2Resource.assetId(checks, assetId);
    }
    OffsetDateTime until = checks.dateTime(RequestChecks.query("before"), before);
    checks.throwIfAny();
    if (dags.find(dagId).isEmpty()) {
      throw NotFound.dag(dagId);
    }
    return until;
  }

  private static long assetId(String raw) {
    RequestChecks checks = new RequestChecks();
    long id = AssetsV2Resource.assetId(checks, raw);
    checks.throwIfAny();
    return id;
  }

  private static Map<String, Object> detail(Long assetId, OffsetDateTime before) {
    Map<String, Object> detail = new LinkedHashMap<>();
    if (assetId != null) {
      detail.put("asset_id", assetId);
    }
    if (before != null) {
      detail.put("before", before.toString());
    }
    return detail;
  }

  private static ApiProblem notQueued(String dagId) {
    return ApiProblem.notFound(
        "Queued event not found", "Queue event with dag_id: `" + dagId + "` was not found");
  }

  private static ApiProblem notQueued(String dagId, long assetId) {
    return ApiProblem.notFound(
        "Queued event not found",
        "Queued event with dag_id: `" + dagId + "` and asset_id: `" + assetId + "` was not found");
  }
}
