package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.repository.DagRepository;
import dev.atelier.ui.rest.airflow.QueryValues;
import dev.atelier.ui.service.ApiProblem;
import dev.atelier.ui.service.CompareTrial;
import dev.atelier.ui.service.CompareTrials;
import dev.atelier.ui.service.GridThumbnails;
import dev.atelier.ui.service.MetricSeriesView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the compare page reads: the trials of every run of a Dag (the picker), the chosen trials
 * with their artifacts, all their curves in one request, and their grids as cached thumbnails.
 * Reads only, so a viewer may use all of it.
 */
@Path("/api/atelier/compare")
@RolesAllowed("viewer")
public class CompareResource {
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern METRIC_KEY = Pattern.compile("[A-Za-z0-9_./ -]{1,250}");
  private static final int MAX_KEYS = 8;
  private static final int DEFAULT_WIDTH = 256;

  private final CompareTrials trials;
  private final GridThumbnails thumbnails;
  private final DagRepository dags;

  CompareResource(CompareTrials trials, GridThumbnails thumbnails, DagRepository dags) {
    this.trials = trials;
    this.thumbnails = thumbnails;
    this.dags = dags;
  }

  /** Every trial of every run of the Dag, for the picker (no artifacts: those cost calls). */
  @GET
  @Path("/dags/{dagId}/trials")
  @Produces(MediaType.APPLICATION_JSON)
  public List<CompareTrial> dagTrials(@PathParam("dagId") String dagId) {
    if (dags.find(dagId).isEmpty()) {
      throw ApiProblem.notFound("DAG not found", "DAG with dag_id: '" + dagId + "' not found");
    }
    return trials.list(dagId);
  }

  /** The chosen trials, in the order given, with their sample steps and inline extras. */
  @GET
  @Path("/trials")
  @Produces(MediaType.APPLICATION_JSON)
  public List<CompareTrial> selection(@QueryParam("run") List<String> run) {
    return trials.selection(runIds(run));
  }

  /** Every chosen trial's histories of every key, in one answer. */
  @GET
  @Path("/metrics")
  @Produces(MediaType.APPLICATION_JSON)
  public List<MetricSeriesView> metrics(
      @QueryParam("run") List<String> run, @QueryParam("key") List<String> key) {
    List<String> runs = runIds(run);
    List<String> keys = split(key);
    if (keys.isEmpty()) {
      throw ApiProblem.badRequest("key: none given; name at least one metric, e.g. key=loss_g");
    }
    if (keys.size() > MAX_KEYS) {
      throw ApiProblem.badRequest(
          "key: " + keys.size() + " metrics given; at most " + MAX_KEYS + " per request");
    }
    for (String k : keys) {
      if (!METRIC_KEY.matcher(k).matches()) {
        throw ApiProblem.badRequest(
            "key: '" + k + "' is not a metric name (letters, digits, '_', '.', '/', '-', ' ')");
      }
    }
    return trials.curves(runs, keys);
  }

  /**
   * The trial's grid at a step, at most {@code width} pixels wide. A step's grid never changes once
   * written, so browsers keep it for good; the ETag lets a revalidating client skip the body.
   */
  @GET
  @Path("/runs/{runId}/grids/{step}")
  @Produces("image/png")
  public Response grid(
      @PathParam("runId") String runId,
      @PathParam("step") String step,
      @QueryParam("width") String width,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    checkRunId(runId);
    long s;
    try {
      s = Long.parseLong(step);
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("step: '" + step + "' must be a whole number of steps");
    }
    if (s < 0 || s > 9_999_999) {
      throw ApiProblem.badRequest("step: " + s + " must be between 0 and 9999999");
    }
    Integer given = QueryValues.optionalInteger("width", width);
    int w = given == null ? DEFAULT_WIDTH : given;
    if (w < GridThumbnails.MIN_WIDTH || w > GridThumbnails.MAX_WIDTH) {
      throw ApiProblem.badRequest(
          "width: "
              + w
              + " must be between "
              + GridThumbnails.MIN_WIDTH
              + " and "
              + GridThumbnails.MAX_WIDTH
              + " pixels");
    }
    byte[] png =
        thumbnails
            .grid(runId, s, w)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "Grid not found",
                        "step: " + s + " has no sample grid in MLflow run '" + runId + "'"));
    String etag = ArtifactResponses.etag(png);
    Response.ResponseBuilder r =
        etag.equals(ifNoneMatch) ? Response.notModified() : Response.ok(png, "image/png");
    return r.header("ETag", etag).header("Cache-Control", ArtifactResponses.IMMUTABLE).build();
  }

  /** Run ids from repeated {@code run=} and/or comma-separated values, checked and deduplicated. */
  private static List<String> runIds(List<String> given) {
    List<String> ids = split(given);
    if (ids.isEmpty()) {
      throw ApiProblem.badRequest("run: none given; name at least one MLflow run id, e.g. run=…");
    }
    if (ids.size() > CompareTrials.MAX_SELECTED) {
      throw ApiProblem.badRequest(
          "run: "
              + ids.size()
              + " trials given; at most "
              + CompareTrials.MAX_SELECTED
              + " are compared at once");
    }
    ids.forEach(CompareResource::checkRunId);
    return ids;
  }

  private static void checkRunId(String id) {
    if (!RUN_ID.matcher(id).matches()) {
      throw ApiProblem.badRequest(
          "run: '" + id + "' is not an MLflow run id (1 to 64 letters, digits, '_' or '-')");
    }
  }

  private static List<String> split(List<String> values) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (values != null) {
      for (String v : values) {
        for (String part : v.split(",")) {
          if (!part.isBlank()) {
            out.add(part.strip());
          }
        }
      }
    }
    return new ArrayList<>(out);
  }
}
