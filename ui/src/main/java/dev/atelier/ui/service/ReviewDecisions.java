package dev.atelier.ui.service;

import dev.atelier.ui.repository.DagRunRepository;
import dev.atelier.ui.repository.DagRunRow;
import dev.atelier.ui.repository.PromotionAuditRow;
import dev.atelier.ui.repository.ReviewRepository;
import dev.atelier.ui.repository.ReviewRow;
import dev.atelier.workflows.activities.ReviewAnswer;
import dev.atelier.workflows.dsl.ReviewOperator;
import dev.atelier.workflows.temporal.DagRunWorkflow;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * A lead's answer to a review. Approving claims the review (so a second answer or the timeout
 * cannot also take effect), promotes the chosen candidate at the step reviewed ({@link
 * PromotionService}), records the answer and the audit row, then signals the waiting Dag run; a
 * refused promotion gives the claim back and the review stays pending. The signal goes last: the
 * database is the record, and a run whose signal was lost still gets the answer when its timeout
 * closes the review.
 */
@ApplicationScoped
public class ReviewDecisions {
  private static final Logger LOG = Logger.getLogger(ReviewDecisions.class);

  private final ReviewRepository reviews;
  private final ReviewService room;
  private final PromotionService promotions;
  private final MlflowRuns mlflow;
  private final DagRunRepository runs;
  private final WorkflowClient temporal;
  private final AuditLog audit;

  ReviewDecisions(
      ReviewRepository reviews,
      ReviewService room,
      PromotionService promotions,
      MlflowRuns mlflow,
      DagRunRepository runs,
      WorkflowClient temporal,
      AuditLog audit) {
    this.reviews = reviews;
    this.room = room;
    this.promotions = promotions;
    this.mlflow = mlflow;
    this.runs = runs;
    this.temporal = temporal;
    this.audit = audit;
  }

  public ReviewRow approve(long id, ReviewApproval a, String who, Predicate<String> hasRole) {
    ReviewRow review = room.require(id);
    ReviewService.requireOpen(review, "answers");
    requireAssigned(review, who, hasRole);
    return approveOpen(review, a, who);
  }

  /**
   * The Dag's auto-promote policy approving as {@code policy}: no user's assignment applies (the
   * Dag's author set the policy beside them); everything else, the audit included, as a lead's.
   */
  public ReviewRow approveByPolicy(long id, ReviewApproval a, String policy) {
    ReviewRow review = room.require(id);
    ReviewService.requireOpen(review, "answers");
    return approveOpen(review, a, policy);
  }

  private ReviewRow approveOpen(ReviewRow review, ReviewApproval a, String who) {
    long id = review.id();
    if (!review.candidateRunIds().contains(a.candidate())) {
      ReviewService.requireCard(review, "candidate", a.candidate());
      throw ApiProblem.conflict(
          "Already the champion",
          "candidate: '"
              + a.candidate()
              + "' is the champion already; approve a challenger or reject");
    }
    List<Long> steps = sampleSteps(a.candidate());
    if (!steps.contains(a.step())) {
      throw ApiProblem.badRequest(
          "step: "
              + a.step()
              + " has no grid for candidate '"
              + a.candidate()
              + "' (its steps: "
              + steps
              + "); approve the step you reviewed");
    }
    if (!reviews.claim(id)) {
      ReviewService.requireOpen(room.require(id), "answers");
      throw ApiProblem.conflict(
          "Review being decided", "review " + id + " is being decided by another lead right now");
    }
    PromotionAuditRow promoted;
    try {
      promoted = promotions.promote(a.candidate(), new PromotionRequest(a.reason(), a.step()), who);
    } catch (RuntimeException e) {
      reviews.release(id);
      throw e;
    }
    ReviewRow decided =
        reviews
            .decide(
                id,
                "approved",
                List.of(ReviewOperator.APPROVE),
                who,
                a.candidate(),
                a.step(),
                a.reason().strip(),
                promoted.id())
            .orElseThrow();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("review_id", id);
    detail.put("candidate", a.candidate());
    detail.put("step", a.step());
    detail.put("reason", a.reason().strip());
    detail.put("model", promoted.modelName());
    detail.put("version", promoted.modelVersion());
    detail.put("promotion_id", promoted.id());
    detail.put("by", who);
    audit.record("approve", ReviewService.target(review), detail);
    signal(decided);
    return decided;
  }

  public ReviewRow reject(long id, ReviewRejection r, String who, Predicate<String> hasRole) {
    ReviewRow review = room.require(id);
    ReviewService.requireOpen(review, "answers");
    requireAssigned(review, who, hasRole);
    ReviewRow decided =
        reviews
            .decide(
                id,
                "rejected",
                List.of(ReviewOperator.REJECT),
                who,
                null,
                null,
                r.reason().strip(),
                null)
            .orElseThrow(
                () ->
                    ApiProblem.conflict(
                        "Review decided", "review " + id + " was decided a moment ago"));
    audit.record(
        "reject",
        ReviewService.target(review),
        Map.of("review_id", id, "reason", r.reason().strip()));
    signal(decided);
    return decided;
  }

  /** The answer as the workflow reads it. */
  public static ReviewAnswer answer(ReviewRow r) {
    return new ReviewAnswer(
        r.id(),
        r.chosenOptions() == null ? List.of() : r.chosenOptions(),
        r.respondedBy(),
        r.respondedAt() == null ? null : r.respondedAt().toInstant().toString(),
        r.chosenCandidate(),
        r.chosenStep(),
        r.reason(),
        r.state().equals("timed_out"));
  }

  private void requireAssigned(ReviewRow review, String who, Predicate<String> hasRole) {
    if (!review.assignedUsers().isEmpty() && !review.assignedUsers().contains(who)) {
      throw new ApiProblem(
          403,
          "Forbidden",
          "user '"
              + who
              + "' is not assigned to review "
              + review.id()
              + "; assigned_users: "
              + review.assignedUsers());
    }
    if (review.assignedRoles().stream().noneMatch(hasRole)) {
      throw new ApiProblem(
          403,
          "Forbidden",
          "user '"
              + who
              + "' holds none of review "
              + review.id()
              + "'s assigned_roles "
              + review.assignedRoles());
    }
  }

  private List<Long> sampleSteps(String runId) {
    return mlflow.listArtifacts(runId, "samples").stream()
        .map(ArtifactPaths::sampleStep)
        .flatMap(java.util.Optional::stream)
        .sorted()
        .toList();
  }

  /**
   * A re-run of a Dag run executes every task again (see {@code DagRunService#rerun}), so a review
   * whose try a lead already decided opens again: it gets that answer again rather than waiting for
   * one that was given.
   */
  public void redeliverIfDecided(long id) {
    reviews.find(id).filter(r -> !"pending".equals(r.state())).ifPresent(this::signal);
  }

  private void signal(ReviewRow decided) {
    try {
      String workflowId =
          runs.find(decided.dagId(), decided.runId()).map(DagRunRow::workflowId).orElse(null);
      if (workflowId == null) {
        LOG.warnf("Review %d: its run is gone; nothing to tell", decided.id());
        return;
      }
      temporal.newWorkflowStub(DagRunWorkflow.class, workflowId).reviewAnswered(answer(decided));
    } catch (RuntimeException e) {
      // The answer is stored; the run learns it at its timeout (CloseReview returns it).
      LOG.warnf(e, "Review %d: the run could not be told of the answer", decided.id());
    }
  }
}
