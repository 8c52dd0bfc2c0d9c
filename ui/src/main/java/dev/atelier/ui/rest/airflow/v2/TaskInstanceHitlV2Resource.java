package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.ReviewRepository;
import dev.atelier.ui.repository.ReviewRow;
import dev.atelier.ui.service.ApiProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code
 * /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/hitlDetails}: one
 * review task's human-in-the-loop detail (its latest try; an earlier one under {@code
 * /tries/{try_number}}), and the answer. PATCH needs role lead, as approving in the review room
 * does, and the review's assigned users and roles; a second answer is 409; an option or param the
 * review does not take is 422 ({@link HitlAnswers}).
 */
@Path("/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/hitlDetails")
@Produces(MediaType.APPLICATION_JSON)
public class TaskInstanceHitlV2Resource {
  private final ReviewRepository reviews;
  private final ReviewHitl hitl;
  private final HitlAnswers answers;

  TaskInstanceHitlV2Resource(ReviewRepository reviews, ReviewHitl hitl, HitlAnswers answers) {
    this.reviews = reviews;
    this.hitl = hitl;
    this.answers = answers;
  }

  @GET
  @RolesAllowed("viewer")
  public HitlDetail get(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @PathParam("map_index") String mapIndex) {
    RequestChecks checks = new RequestChecks();
    ReviewRow review = review(checks, dagId, runId, taskId, mapIndex, null);
    return hitl.detail(review);
  }

  @GET
  @Path("/tries/{try_number}")
  @RolesAllowed("viewer")
  public HitlDetailHistory tryDetail(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @PathParam("map_index") String mapIndex,
      @PathParam("try_number") String tryNumber) {
    RequestChecks checks = new RequestChecks();
    Integer number = checks.integer(RequestChecks.path("try_number"), tryNumber, -1);
    ReviewRow review =
        review(
            checks, dagId, runId, taskId, mapIndex, number == null || number == -1 ? null : number);
    return hitl.history(review);
  }

  /** {@code {"chosen_options": ["Approve"], "params_input": {"reason": "..."}}}. */
  @PATCH
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("lead")
  public HitlDetailResponse answer(
      @PathParam("dag_id") String dagId,
      @PathParam("dag_run_id") String runId,
      @PathParam("task_id") String taskId,
      @PathParam("map_index") String mapIndex,
      String text,
      @Context SecurityContext security) {
    RequestChecks checks = new RequestChecks();
    HitlAnswers.Payload payload = HitlAnswers.read(text, checks);
    ReviewRow review = review(checks, dagId, runId, taskId, mapIndex, null);
    if (!review.open()) {
      throw ApiProblem.conflict(
          "Already answered",
          "Human-in-the-loop detail has already been updated for Task Instance '"
              + taskId
              + "' of run '"
              + runId
              + "' and is not allowed to write again: review "
              + review.id()
              + " was "
              + review.state().replace('_', ' ')
              + (review.respondedBy() == null ? "" : " by " + review.respondedBy())
              + (review.respondedAt() == null ? "" : " at " + review.respondedAt()));
    }
    return answers.answer(
        review, payload, security.getUserPrincipal().getName(), security::isUserInRole);
  }

  /**
   * The review of the task instance (422 for a bad id or map index, 404 naming what is missing);
   * {@code tryNumber} null: the latest try.
   */
  private ReviewRow review(
      RequestChecks checks,
      String dagId,
      String runId,
      String taskId,
      String mapIndex,
      Integer tryNumber) {
    checks.id("dag_id", dagId);
    checks.id("dag_run_id", runId);
    checks.id("task_id", taskId);
    Integer index = checks.integer(RequestChecks.path("map_index"), mapIndex, -1);
    checks.throwIfAny();
    String instance =
        "The Task Instance with dag_id: `"
            + dagId
            + "`, run_id: `"
            + runId
            + "`, task_id: `"
            + taskId
            + "` and map_index: `"
            + index
            + "`";
    if (index != -1) {
      throw ApiProblem.notFound(
          "Human-in-the-loop detail not found",
          instance
              + " has no human-in-the-loop detail: a review task is not mapped (map_index -1)");
    }
    return reviews
        .findTry(dagId, runId, taskId, tryNumber)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "Human-in-the-loop detail not found",
                    instance
                        + (tryNumber == null ? "" : " at try " + tryNumber)
                        + " has no human-in-the-loop detail: it is not a ReviewOperator's"
                        + " task, or its review has not opened yet"));
  }
}
