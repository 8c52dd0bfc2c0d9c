package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.JsonColumns;
import dev.atelier.ui.repository.XComRepository;
import dev.atelier.ui.repository.XComRow;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.DagRunService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code .../taskInstances/{task_id}/xcomEntries}: a task instance's XComs, its return value
 * ({@code return_value}) and what it pushed. The list takes {@code map_index} (all instances when
 * absent) and {@code xcom_key}; one entry's {@code map_index} defaults to -1, as in Airflow 3.
 */
@Path("/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries")
@Produces(MediaType.APPLICATION_JSON)
public class XComEntriesV2Resource {
  private final DagRunService runs;
  private final XComRepository xcoms;

  XComEntriesV2Resource(DagRunService runs, XComRepository xcoms) {
    this.runs = runs;
    this.xcoms = xcoms;
  }

  @GET
  @RolesAllowed("viewer")
  public XComCollectionResponse list(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @QueryParam("xcom_key") String key,
      @QueryParam("map_index") String mapIndex,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    RequestChecks checks = new RequestChecks();
    ids(checks, dagId, runId, taskId);
    String xcomKey = checks.text(RequestChecks.query("xcom_key"), key, 512);
    Integer index = checks.integer(RequestChecks.query("map_index"), mapIndex, -1);
    int first = checks.offset(offset);
    int size = checks.limit(limit);
    checks.throwIfAny();
    runs.requireRun(dagId, runId);
    List<XComRow> all =
        xcoms.entries(
            dagId, runId, taskId, index, xcomKey == null || xcomKey.isEmpty() ? null : xcomKey);
    int from = Math.min(all.size(), first);
    int to = Math.min(all.size(), from + size);
    return new XComCollectionResponse(
        all.subList(from, to).stream().map(XComResponse::of).toList(), all.size());
  }

  /**
   * The value as stored (JSON) by default and with {@code deserialize=true}; its JSON text with
   * {@code stringify=true}.
   */
  @GET
  @Path("/{xcom_key}")
  @RolesAllowed("viewer")
  public XComValueResponse get(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @PathParam("xcom_key") String key,
      @QueryParam("map_index") String mapIndex,
      @QueryParam("deserialize") String deserialize,
      @QueryParam("stringify") String stringify) {
    RequestChecks checks = new RequestChecks();
    ids(checks, dagId, runId, taskId);
    checks.text(RequestChecks.path("xcom_key"), key, 512);
    Integer index = checks.integer(RequestChecks.query("map_index"), mapIndex, -1);
    checks.bool(RequestChecks.query("deserialize"), deserialize);
    Boolean asText = checks.bool(RequestChecks.query("stringify"), stringify);
    checks.throwIfAny();
    runs.requireRun(dagId, runId);
    int at = index == null ? -1 : index;
    XComRow row =
        xcoms.entries(dagId, runId, taskId, at, key).stream()
            .findFirst()
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "XCom entry not found",
                        "XCom entry with key: `"
                            + key
                            + "` not found for task '"
                            + taskId
                            + "' with map_index "
                            + at
                            + " in Dag run '"
                            + runId
                            + "'"));
    Object value =
        Boolean.TRUE.equals(asText) ? row.valueJson() : JsonColumns.readValue(row.valueJson());
    return new XComValueResponse(XComResponse.of(row), value);
  }

  private static void ids(RequestChecks checks, String dagId, String runId, String taskId) {
    checks.id("dag_id", dagId);
    checks.id("dag_run_id", runId);
    checks.id("task_id", taskId);
  }
}
