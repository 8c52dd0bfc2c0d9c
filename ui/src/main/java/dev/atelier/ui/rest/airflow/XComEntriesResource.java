package dev.atelier.ui.rest.airflow;

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
 * ({@code return_value}) and what it pushed with {@code xcom_push(key, value)}, as Airflow's stable
 * API lists and reads them. {@code map_index} selects one instance of a mapped task (all when
 * absent).
 */
@Path("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries")
@Produces(MediaType.APPLICATION_JSON)
public class XComEntriesResource {
  private final DagRunService runs;
  private final XComRepository xcoms;

  XComEntriesResource(DagRunService runs, XComRepository xcoms) {
    this.runs = runs;
    this.xcoms = xcoms;
  }

  @GET
  @RolesAllowed("viewer")
  public AirflowXComCollection list(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @QueryParam("map_index") String mapIndex,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Integer index = QueryValues.optionalInteger("map_index", mapIndex);
    int skip = Paging.offset(offset);
    int take = Paging.limit(limit);
    runs.requireRun(dagId, runId);
    List<XComRow> all = xcoms.entries(dagId, runId, taskId, index, null);
    int from = Math.min(all.size(), skip);
    int to = Math.min(all.size(), from + take);
    return new AirflowXComCollection(
        all.subList(from, to).stream().map(AirflowXComItem::of).toList(), all.size());
  }

  @GET
  @Path("/{xcom_key}")
  @RolesAllowed("viewer")
  public AirflowXCom get(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @PathParam("xcom_key") String key,
      @QueryParam("map_index") String mapIndex,
      @QueryParam("deserialize") String deserialize) {
    Integer index = QueryValues.optionalInteger("map_index", mapIndex);
    runs.requireRun(dagId, runId);
    XComRow row =
        xcoms.entries(dagId, runId, taskId, index == null ? -1 : index, key).stream()
            .findFirst()
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "XCom entry not found",
                        "XCom entry with key: '"
                            + key
                            + "' not found for task '"
                            + taskId
                            + "'"
                            + (index == null ? "" : " with map_index " + index)
                            + " in DAGRun '"
                            + runId
                            + "'"));
    boolean asValue = "true".equalsIgnoreCase(deserialize);
    return AirflowXCom.of(row, asValue ? JsonColumns.readValue(row.valueJson()) : row.valueJson());
  }
}
