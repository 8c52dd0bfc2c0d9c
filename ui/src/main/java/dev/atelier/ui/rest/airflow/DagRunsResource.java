package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.TaskInstanceRepository;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.DagRunService;
import dev.atelier.ui.service.TriggerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * {@code /api/v1/dags/{dag_id}/dagRuns}: trigger a run and read runs and their task instances. A
 * trigger answers 200 with the DAGRun, as Airflow does, plus a Location header.
 */
@Path("/api/v1/dags/{dag_id}/dagRuns")
@Produces(MediaType.APPLICATION_JSON)
public class DagRunsResource {
  private final DagRunService service;
  private final DagRepository dags;
  private final DagRunRepository runs;
  private final TaskInstanceRepository tasks;

  DagRunsResource(
      DagRunService service,
      DagRepository dags,
      DagRunRepository runs,
      TaskInstanceRepository tasks) {
    this.service = service;
    this.dags = dags;
    this.runs = runs;
    this.tasks = tasks;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response trigger(@PathParam("dag_id") String dagId, TriggerRequest body) {
    TriggerRequest request = body == null ? new TriggerRequest(null, null, null, null) : body;
    DagRunRow run = service.trigger(dagId, request);
    return Response.ok(AirflowDagRun.of(run))
        .location(
            UriBuilder.fromPath("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}")
                .build(dagId, run.runId()))
        .build();
  }

  @GET
  public AirflowDagRunCollection list(
      @PathParam("dag_id") String dagId,
      @QueryParam("limit") Integer limit,
      @QueryParam("offset") Integer offset) {
    requireDag(dagId);
    return new AirflowDagRunCollection(
        runs.list(dagId, Paging.limit(limit), Paging.offset(offset)).stream()
            .map(AirflowDagRun::of)
            .toList(),
        runs.count(dagId));
  }

  @GET
  @Path("/{dag_run_id}")
  public AirflowDagRun get(
      @PathParam("dag_id") String dagId, @PathParam("dag_run_id") String runId) {
    return AirflowDagRun.of(requireRun(dagId, runId));
  }

  @GET
  @Path("/{dag_run_id}/taskInstances")
  public AirflowTaskInstanceCollection taskInstances(
      @PathParam("dag_id") String dagId, @PathParam("dag_run_id") String runId) {
    DagRunRow run = requireRun(dagId, runId);
    var instances =
        tasks.list(dagId, runId).stream().map(ti -> AirflowTaskInstance.of(run, ti)).toList();
    return new AirflowTaskInstanceCollection(instances, instances.size());
  }

  private void requireDag(String dagId) {
    if (dags.find(dagId).isEmpty()) {
      throw DagsResource.dagNotFound(dagId);
    }
  }

  private DagRunRow requireRun(String dagId, String runId) {
    return runs.find(dagId, runId)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "DAGRun not found",
                    "DAGRun with DAG ID: '"
                        + dagId
                        + "' and DagRun ID: '"
                        + runId
                        + "' not found"));
  }
}
