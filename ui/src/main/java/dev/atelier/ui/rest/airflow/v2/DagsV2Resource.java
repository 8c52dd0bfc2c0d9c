package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.DagFilter;
import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRow;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagVersionRepository;
import dev.atelier.ui.repository.Page;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v2/dags}: the Dags the code defines, their details and pause switch. {@code tags}
 * repeats and matches any of them; {@code dag_id_pattern} is a case-insensitive substring.
 */
@Path("/api/v2/dags")
@Produces(MediaType.APPLICATION_JSON)
public class DagsV2Resource {
  private static final Map<String, String> ORDER = new LinkedHashMap<>();

  static {
    ORDER.put("dag_id", "dag_id");
    ORDER.put("dag_display_name", "dag_id");
    ORDER.put("last_parsed_time", "updated_at");
  }

  private final DagRepository dags;
  private final DagRunRepository runs;
  private final DagCatalog catalog;
  private final DagPauses pauses;
  private final NextDagRuns next;
  private final AuditLog audit;
  private final DagVersionRepository versions;

  DagsV2Resource(
      DagRepository dags,
      DagRunRepository runs,
      DagCatalog catalog,
      DagPauses pauses,
      NextDagRuns next,
      AuditLog audit,
      DagVersionRepository versions) {
    this.versions = versions;
    this.dags = dags;
    this.runs = runs;
    this.catalog = catalog;
    this.pauses = pauses;
    this.next = next;
    this.audit = audit;
  }

  @GET
  @RolesAllowed("viewer")
  public DagCollectionResponse list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order_by") List<String> orderBy,
      @QueryParam("tags") List<String> tags,
      @QueryParam("paused") String paused,
      @QueryParam("dag_id_pattern") String dagIdPattern) {
    RequestChecks checks = new RequestChecks();
    Page page =
        new Page(
            checks.limit(limit),
            checks.offset(offset),
            checks.orderBy(orderBy, ORDER, "dag_id", "dag_id"));
    List<String> tagList = tags == null ? List.of() : tags;
    tagList.forEach(t -> checks.text(RequestChecks.query("tags"), t, RequestChecks.ID_LEN));
    DagFilter filter =
        new DagFilter(
            checks.bool(RequestChecks.query("paused"), paused),
            tagList.stream().filter(t -> !t.isEmpty()).toList(),
            checks.text(RequestChecks.query("dag_id_pattern"), dagIdPattern, RequestChecks.ID_LEN));
    checks.throwIfAny();
    return new DagCollectionResponse(
        dags.list(filter, page).stream().map(this::json).toList(), dags.count(filter));
  }

  @GET
  @Path("/{dag_id}")
  @RolesAllowed("viewer")
  public DagResponse get(@PathParam("dag_id") String dagId) {
    return json(require(dagId));
  }

  @GET
  @Path("/{dag_id}/details")
  @RolesAllowed("viewer")
  public DagDetailsResponse details(@PathParam("dag_id") String dagId) {
    DagRow row = require(dagId);
    int active = runs.active(dagId).size();
    return DagDetailsResponse.of(
        json(row),
        catalog.get(dagId).orElse(null),
        active,
        versions.latest(dagId).map(DagVersionResponse::of).orElse(null));
  }

  /**
   * Airflow 3's PATCH: only {@code is_paused} can change ({@code DAGPatchBody}); {@code
   * update_mask}, when given, must name only it.
   */
  @PATCH
  @Path("/{dag_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public DagResponse patch(
      @PathParam("dag_id") String dagId,
      @QueryParam("update_mask") List<String> updateMask,
      String text) {
    RequestChecks checks = new RequestChecks();
    checks.id("dag_id", dagId);
    if (updateMask != null) {
      for (String field : updateMask) {
        if (!field.equals("is_paused")) {
          checks.add(
              Violation.of(
                  "value_error",
                  RequestChecks.query("update_mask"),
                  field,
                  "cannot be updated; only `is_paused` can be updated through the REST API"));
        }
      }
    }
    JsonBody body = JsonBody.parse(text, Set.of("is_paused"), checks);
    Boolean paused = body.bool("is_paused");
    if (checks.ok() && paused == null) {
      checks.add(
          body.has("is_paused")
              ? Violation.of(
                  "bool_type", RequestChecks.body("is_paused"), null, "is not true or false")
              : Violation.missing(RequestChecks.body("is_paused")));
    }
    checks.throwIfAny();
    require(dagId);
    DagRow row = pauses.setPaused(dagId, paused);
    audit.record(
        paused ? "pause" : "unpause", AuditTargets.dag(dagId), Map.of("is_paused", paused));
    return json(row);
  }

  private DagRow require(String dagId) {
    RequestChecks checks = new RequestChecks();
    checks.id("dag_id", dagId);
    checks.throwIfAny();
    return dags.find(dagId).orElseThrow(() -> NotFound.dag(dagId));
  }

  private DagResponse json(DagRow row) {
    return DagResponse.of(
        row,
        catalog.get(row.dagId()).orElse(null),
        catalog.timetable(row.dagId()).orElse(null),
        next.next(row.dagId()).orElse(null));
  }
}
