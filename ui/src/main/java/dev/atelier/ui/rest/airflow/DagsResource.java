package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagFilter;
import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRow;
import dev.atelier.ui.repository.Page;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.AuditLog;
import dev.atelier.ui.service.AuditTargets;
import dev.atelier.ui.service.DagCatalog;
import dev.atelier.ui.service.DagPauses;
import dev.atelier.ui.service.NextDagRuns;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/dags}: the Dags registered from the code, and their pause switch. {@code fields}
 * and {@code only_active} are accepted; every registered Dag is active while the code defines it.
 */
@Path("/api/v1/dags")
@Produces(MediaType.APPLICATION_JSON)
public class DagsResource {
  private static final Map<String, String> ORDER = Map.of("dag_id", "dag_id");

  private final DagRepository dags;
  private final DagCatalog catalog;
  private final DagPauses pauses;
  private final NextDagRuns next;
  private final AuditLog audit;

  DagsResource(
      DagRepository dags, DagCatalog catalog, DagPauses pauses, NextDagRuns next, AuditLog audit) {
    this.dags = dags;
    this.catalog = catalog;
    this.pauses = pauses;
    this.next = next;
    this.audit = audit;
  }

  @GET
  @RolesAllowed("viewer")
  public AirflowDagCollection list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") String orderBy,
      @QueryParam("tags") List<String> tags,
      @QueryParam("paused") String paused,
      @QueryParam("dag_id_pattern") String dagIdPattern) {
    DagFilter filter =
        new DagFilter(QueryValues.bool("paused", paused), QueryValues.all(tags), dagIdPattern);
    Page page =
        new Page(
            Paging.limit(limit),
            Paging.offset(offset),
            OrderBy.sql(orderBy, ORDER, "dag_id", "dag_id"));
    return new AirflowDagCollection(
        dags.list(filter, page).stream().map(this::json).toList(), dags.count(filter));
  }

  @GET
  @Path("/{dag_id}")
  @RolesAllowed("viewer")
  public AirflowDag get(@PathParam("dag_id") String dagId) {
    return dags.find(dagId).map(this::json).orElseThrow(() -> DagsResource.dagNotFound(dagId));
  }

  /**
   * Airflow's PATCH: only {@code is_paused} can change. With {@code update_mask} the mask must be
   * exactly {@code is_paused}; without it the body's {@code is_paused} is used and the rest of the
   * DAG object (read-only fields) is ignored.
   */
  @PATCH
  @Path("/{dag_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public AirflowDag patch(
      @PathParam("dag_id") String dagId,
      @QueryParam("update_mask") List<String> updateMask,
      Map<String, Object> body) {
    List<String> mask = QueryValues.all(updateMask);
    if (!mask.isEmpty() && !mask.equals(List.of("is_paused"))) {
      throw ApiProblem.badRequest(
          "update_mask: '"
              + String.join(",", mask)
              + "' names fields that cannot change; only `is_paused` field can be updated through"
              + " the REST API");
    }
    if (body == null || !body.containsKey("is_paused")) {
      throw ApiProblem.badRequest(
          "is_paused: missing; the body must be {\"is_paused\": true|false}");
    }
    if (!(body.get("is_paused") instanceof Boolean paused)) {
      throw ApiProblem.badRequest(
          "is_paused: '" + body.get("is_paused") + "' is not a boolean (true or false)");
    }
    DagRow row = pauses.setPaused(dagId, paused);
    audit.record(
        paused ? "pause" : "unpause", AuditTargets.dag(dagId), Map.of("is_paused", paused));
    return json(row);
  }

  private AirflowDag json(DagRow row) {
    return AirflowDag.of(
        row,
        catalog.get(row.dagId()).orElse(null),
        catalog.timetable(row.dagId()).orElse(null),
        next.next(row.dagId()).orElse(null));
  }

  static ApiProblem dagNotFound(String dagId) {
    return ApiProblem.notFound("DAG not found", "DAG with dag_id: '" + dagId + "' not found");
  }
}
