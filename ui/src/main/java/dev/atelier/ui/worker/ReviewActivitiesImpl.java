package dev.atelier.ui.worker;

import dev.atelier.activities.operators.TopTrials;
import dev.atelier.ui.repository.ReviewRepository;
import dev.atelier.ui.repository.ReviewRow;
import dev.atelier.ui.service.ChampionView;
import dev.atelier.ui.service.MlflowRuns;
import dev.atelier.ui.service.PromotionService;
import dev.atelier.ui.service.RegisteredModels;
import dev.atelier.ui.service.RetrainEvidence;
import dev.atelier.ui.service.ReviewApproval;
import dev.atelier.ui.service.ReviewDecisions;
import dev.atelier.workflows.activities.ReviewActivities;
import dev.atelier.workflows.activities.ReviewAnswer;
import dev.atelier.workflows.activities.ReviewOpening;
import dev.atelier.workflows.activities.TrialOutcome;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;

/**
 * The app side of a ReviewOperator: ranks the sweep's trials as pick_best did ({@link TopTrials}),
 * looks up the champion of the registered model the candidates belong to, and writes the pending
 * review; at the timeout, closes it with the defaults unless an answer got there first.
 */
@Singleton
public class ReviewActivitiesImpl implements ReviewActivities {
  private final ReviewRepository reviews;
  private final MlflowClient mlflowClient;
  private final MlflowRuns mlflow;
  private final PromotionService promotions;
  private final ReviewDecisions decisions;
  private final RetrainEvidence evidence;

  /** Who answers a review the auto-promote policy approved. */
  public static final String AUTO_PROMOTE = "auto_promote policy";

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(ReviewActivitiesImpl.class);

  ReviewActivitiesImpl(
      ReviewRepository reviews,
      MlflowClient mlflowClient,
      MlflowRuns mlflow,
      PromotionService promotions,
      ReviewDecisions decisions,
      RetrainEvidence evidence) {
    this.evidence = evidence;
    this.reviews = reviews;
    this.mlflowClient = mlflowClient;
    this.mlflow = mlflow;
    this.promotions = promotions;
    this.decisions = decisions;
  }

  @Override
  public long openReview(ReviewOpening o) {
    Map<String, Object> best = o.best() == null ? Map.of() : o.best();
    if (!(best.get("metric") instanceof String metric)) {
      throw refuse("best: " + best + " names no metric; pass pick_best's XCom");
    }
    String mode = best.get("mode") instanceof String m ? m : "min";
    List<TrialOutcome> ranked;
    try {
      ranked = TopTrials.rank(mlflowClient, o.trials(), metric, mode, o.topK());
    } catch (IllegalArgumentException e) {
      throw refuse(e.getMessage());
    }
    if (ranked.isEmpty()) {
      throw refuse(
          "no completed or pruned trial of "
              + o.dagId()
              + "/"
              + o.runId()
              + " has a value of '"
              + metric
              + "': nothing to review");
    }
    List<Map<String, Object>> candidates = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      TrialOutcome t = ranked.get(i);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("rank", i + 1);
      c.put("mlflow_run_id", t.mlflowRunId());
      c.put("map_index", t.mapIndex());
      c.put("status", t.status());
      c.put("value", t.metrics().get(metric));
      c.put("last_step", t.lastStep());
      candidates.add(c);
    }
    String model =
        mlflow
            .run(ranked.get(0).mlflowRunId())
            .map(RegisteredModels::forRun)
            .orElse(RegisteredModels.forTrial("dcgan32", ""));
    Optional<ChampionView> champion = promotions.champion(model);
    long id =
        reviews.insertIfAbsent(
            new ReviewRow(
                0,
                o.dagId(),
                o.runId(),
                o.taskId(),
                o.tryNumber(),
                o.subject(),
                o.body(),
                o.options(),
                o.defaults(),
                o.assignedUsers(),
                o.assignedRoles(),
                o.failOnReject(),
                metric,
                mode,
                candidates,
                model,
                champion.map(ChampionView::mlflowRunId).orElse(null),
                champion.map(ChampionView::version).orElse(null),
                "pending",
                null,
                o.timeoutAtMillis() == null
                    ? null
                    : OffsetDateTime.ofInstant(
                        Instant.ofEpochMilli(o.timeoutAtMillis()), ZoneOffset.UTC),
                null,
                null,
                null,
                null,
                null,
                null,
                null));
    if (o.evaluation() != null) {
      reviews.saveEvaluation(id, evidence.withSheet(o.evaluation()), o.autoPromote());
    }
    decisions.redeliverIfDecided(id);
    if (o.evaluation() != null && o.autoPromote() != null) {
      autoPromote(id, o.evaluation(), o.autoPromote(), ranked.get(0));
    }
    return id;
  }

  /**
   * The auto-promote policy: approves pick_best's trial at its last step, as a lead would, when it
   * beat the champion on every compared metric by the margin; else the review waits for a lead.
   */
  private void autoPromote(
      long id, Map<String, Object> evaluation, Map<String, Object> policy, TrialOutcome best) {
    Optional<String> reason = RetrainEvidence.policyApproves(evaluation, policy);
    Optional<ReviewRow> now = reviews.find(id);
    if (reason.isEmpty() || now.isEmpty() || !now.get().state().equals("pending")) {
      return;
    }
    try {
      decisions.approveByPolicy(
          id, new ReviewApproval(best.mlflowRunId(), best.lastStep(), reason.get()), AUTO_PROMOTE);
    } catch (RuntimeException e) {
      // The policy could not approve (e.g. a step without a grid): a lead still can.
      LOG.warnf("Review %d: auto_promote did not approve: %s", id, e.getMessage());
    }
  }

  @Override
  public ReviewAnswer closeReview(long reviewId, List<String> defaults) {
    Optional<ReviewRow> closed = reviews.timeOut(reviewId, defaults == null ? List.of() : defaults);
    if (closed.isPresent()) {
      return ReviewDecisions.answer(closed.get());
    }
    ReviewRow now =
        reviews
            .find(reviewId)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "review " + reviewId + " was deleted", "ReviewGone"));
    if (now.state().equals("deciding")) {
      // A lead's approval is promoting right now: try again in a moment (Temporal retries).
      throw ApplicationFailure.newFailure(
          "review " + reviewId + " is being decided; its answer comes next", "ReviewDeciding");
    }
    return ReviewDecisions.answer(now);
  }

  private static ApplicationFailure refuse(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, "BadReview");
  }
}
