package dev.atelier.ui.rest.atelier;

import dev.atelier.ui.repository.ReviewCommentRow;
import dev.atelier.ui.repository.ReviewRow;
import dev.atelier.ui.repository.ReviewVoteRow;
import dev.atelier.ui.rest.airflow.Paging;
import dev.atelier.ui.rest.airflow.QueryValues;
import dev.atelier.ui.service.ReviewApproval;
import dev.atelier.ui.service.ReviewComment;
import dev.atelier.ui.service.ReviewDecisions;
import dev.atelier.ui.service.ReviewDetail;
import dev.atelier.ui.service.ReviewRejection;
import dev.atelier.ui.service.ReviewService;
import dev.atelier.ui.service.ReviewVote;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/**
 * The review room's API: reviews (a ReviewOperator's pending or decided answer) listed by Dag, run
 * and state; one review with its candidates' evidence and the champion; members vote and comment; a
 * lead approves a candidate at a step (which promotes it) or rejects. Rooted at {@code
 * /api/atelier} like the other Atelier resources (a longer root would hide theirs).
 */
@Path("/api/atelier")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewsResource {
  private static final String REVIEW = "/reviews/{id}";

  private final ReviewService room;
  private final ReviewDecisions decisions;

  ReviewsResource(ReviewService room, ReviewDecisions decisions) {
    this.room = room;
    this.decisions = decisions;
  }

  /** {@code state}: pending, decided, approved, rejected or timed_out; all when absent. */
  @GET
  @Path("/reviews")
  @RolesAllowed("viewer")
  public List<ReviewRow> list(
      @QueryParam("dag_id") String dagId,
      @QueryParam("run_id") String runId,
      @QueryParam("state") String state,
      @QueryParam("limit") String limit) {
    return room.list(dagId, runId, state, Paging.limit(limit));
  }

  @GET
  @Path(REVIEW)
  @RolesAllowed("viewer")
  public ReviewDetail review(@PathParam("id") String id) {
    return room.detail(id(id));
  }

  /** {@code {"candidate": "<mlflow run id>", "value": "up"|"down"}}; voting again changes it. */
  @POST
  @Path(REVIEW + "/votes")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public List<ReviewVoteRow> vote(
      @PathParam("id") String id,
      @Valid @NotNull(message = "is required: {\"candidate\": \"<run id>\", \"value\": \"up\"}")
          ReviewVote body,
      @Context SecurityContext security) {
    return room.vote(id(id), body, security.getUserPrincipal().getName());
  }

  /** {@code {"body": "...", "candidate": "<mlflow run id>"}} (candidate optional). */
  @POST
  @Path(REVIEW + "/comments")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("member")
  public Response comment(
      @PathParam("id") String id,
      @Valid @NotNull(message = "is required: {\"body\": \"...\"}") ReviewComment body,
      @Context SecurityContext security) {
    ReviewCommentRow row = room.comment(id(id), body, security.getUserPrincipal().getName());
    return Response.created(UriBuilder.fromPath("/api/atelier/reviews/{id}").build(id))
        .entity(row)
        .build();
  }

  /** {@code {"candidate": "<mlflow run id>", "step": 300, "reason": "..."}}: promotes it. */
  @POST
  @Path(REVIEW + "/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public ReviewRow approve(
      @PathParam("id") String id,
      @Valid
          @NotNull(
              message =
                  "is required: {\"candidate\": \"<run id>\", \"step\": 300, \"reason\": \"...\"}")
          ReviewApproval body,
      @Context SecurityContext security) {
    return decisions.approve(
        id(id), body, security.getUserPrincipal().getName(), security::isUserInRole);
  }

  /** {@code {"reason": "..."}}: no candidate is promoted; the run goes on per the review. */
  @POST
  @Path(REVIEW + "/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public ReviewRow reject(
      @PathParam("id") String id,
      @Valid @NotNull(message = "is required: {\"reason\": \"...\"}") ReviewRejection body,
      @Context SecurityContext security) {
    return decisions.reject(
        id(id), body, security.getUserPrincipal().getName(), security::isUserInRole);
  }

  /** A review's id: a whole number ("abc" is a 400 naming it, not a 404). */
  private static long id(String id) {
    return QueryValues.longInteger("path", "id", id);
  }
}
