package dev.atelier.ui.service;

import dev.atelier.ui.repository.ReviewCommentRow;
import dev.atelier.ui.repository.ReviewRepository;
import dev.atelier.ui.repository.ReviewRow;
import dev.atelier.ui.repository.ReviewVoteRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The review room's reads and its members' part: what a review shows (its candidates' evidence
 * beside the champion's), votes and comments. Decisions are {@link ReviewDecisions}'; opening and
 * timing out come from the workflow ({@code dev.atelier.ui.worker.ReviewActivitiesImpl}).
 */
@ApplicationScoped
public class ReviewService {
  /** Filters of the list: pending includes a claim in progress; decided is every final state. */
  static final Map<String, List<String>> STATE_FILTERS =
      Map.of(
          "pending", List.of("pending", "deciding"),
          "decided", List.of("approved", "rejected", "timed_out"),
          "approved", List.of("approved"),
          "rejected", List.of("rejected"),
          "timed_out", List.of("timed_out"));

  private final ReviewRepository reviews;
  private final MlflowRuns mlflow;
  private final AuditLog audit;

  ReviewService(ReviewRepository reviews, MlflowRuns mlflow, AuditLog audit) {
    this.reviews = reviews;
    this.mlflow = mlflow;
    this.audit = audit;
  }

  public List<ReviewRow> list(String dagId, String runId, String state, int limit) {
    List<String> states = List.of();
    if (state != null) {
      states = STATE_FILTERS.get(state);
      if (states == null) {
        throw ApiProblem.badRequest(
            "state: '" + state + "' is not one of " + new TreeSet<>(STATE_FILTERS.keySet()));
      }
    }
    if (limit < 1 || limit > 1000) {
      throw ApiProblem.badRequest("limit: " + limit + " must be between 1 and 1000");
    }
    return reviews.list(dagId, runId, states, limit);
  }

  public ReviewRow require(long id) {
    return reviews
        .find(id)
        .orElseThrow(
            () -> ApiProblem.notFound("Review not found", "review_id: " + id + " is not a review"));
  }

  public ReviewDetail detail(long id) {
    ReviewRow review = require(id);
    List<ReviewVoteRow> votes = reviews.votes(id);
    List<ReviewCandidate> cards = new ArrayList<>();
    if (review.championRunId() != null) {
      cards.add(card(review.championRunId(), null, true, Map.of(), review.metric(), votes));
    }
    for (Map<String, Object> c : review.candidates()) {
      String runId = String.valueOf(c.get("mlflow_run_id"));
      if (!runId.equals(review.championRunId())) {
        cards.add(card(runId, (Integer) c.get("rank"), false, c, review.metric(), votes));
      }
    }
    TreeSet<Long> common = null;
    for (ReviewCandidate card : cards) {
      if (common == null) {
        common = new TreeSet<>(card.sampleSteps());
      } else {
        common.retainAll(card.sampleSteps());
      }
    }
    List<Long> steps = common == null ? List.of() : List.copyOf(common);
    Long step =
        review.chosenStep() != null
            ? review.chosenStep()
            : (steps.isEmpty() ? null : steps.get(steps.size() - 1));
    return new ReviewDetail(
        review,
        cards,
        steps,
        step,
        votes,
        reviews.comments(id),
        reviews.evaluation(id).orElse(null));
  }

  /** A member's vote on a candidate or the champion; votes close when the review is decided. */
  public List<ReviewVoteRow> vote(long id, ReviewVote vote, String who) {
    ReviewRow review = require(id);
    requireOpen(review, "votes");
    requireCard(review, "candidate", vote.candidate());
    int value = vote.value().equals("up") ? 1 : -1;
    reviews.vote(id, vote.candidate(), who, value);
    audit.record(
        "vote",
        target(review),
        Map.of("review_id", id, "candidate", vote.candidate(), "value", vote.value()));
    return reviews.votes(id);
  }

  public ReviewCommentRow comment(long id, ReviewComment comment, String who) {
    ReviewRow review = require(id);
    if (comment.candidate() != null) {
      requireCard(review, "candidate", comment.candidate());
    }
    ReviewCommentRow row = reviews.comment(id, comment.candidate(), who, comment.body().strip());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("review_id", id);
    detail.put("comment_id", row.id());
    if (comment.candidate() != null) {
      detail.put("candidate", comment.candidate());
    }
    audit.record("comment", target(review), detail);
    return row;
  }

  static String target(ReviewRow review) {
    return "dag/" + review.dagId() + "/run/" + review.runId() + "/review/" + review.id();
  }

  static void requireOpen(ReviewRow review, String what) {
    if (!review.open()) {
      throw ApiProblem.conflict(
          "Review decided",
          "review "
              + review.id()
              + " was "
              + review.state().replace('_', ' ')
              + (review.respondedBy() == null ? "" : " by " + review.respondedBy())
              + (review.respondedAt() == null ? "" : " at " + review.respondedAt())
              + "; "
              + what
              + " are closed");
    }
  }

  /** The candidate (or the champion) of this review, else 404 naming the ones it has. */
  static void requireCard(ReviewRow review, String field, String runId) {
    List<String> known = new ArrayList<>(review.candidateRunIds());
    if (review.championRunId() != null) {
      known.add(review.championRunId());
    }
    if (!known.contains(runId)) {
      throw ApiProblem.notFound(
          "Unknown candidate",
          field
              + ": '"
              + runId
              + "' is not a candidate of review "
              + review.id()
              + " (candidates: "
              + String.join(", ", known)
              + ")");
    }
  }

  private ReviewCandidate card(
      String runId,
      Integer rank,
      boolean champion,
      Map<String, Object> stored,
      String metric,
      List<ReviewVoteRow> votes) {
    Optional<RunView> run = mlflow.run(runId);
    Map<String, Double> metrics = new LinkedHashMap<>();
    run.ifPresent(r -> r.latestMetrics().forEach((k, v) -> metrics.put(k, v.value())));
    List<Long> steps = new ArrayList<>();
    if (run.isPresent()) {
      for (String path : mlflow.listArtifacts(runId, "samples")) {
        ArtifactPaths.sampleStep(path).ifPresent(steps::add);
      }
      steps.sort(null);
    }
    Object value = stored.get("value");
    int up = 0;
    int down = 0;
    for (ReviewVoteRow v : votes) {
      if (v.candidate().equals(runId)) {
        if (v.value() > 0) {
          up++;
        } else {
          down++;
        }
      }
    }
    return new ReviewCandidate(
        runId,
        rank,
        champion,
        stored.get("map_index") instanceof Number n ? n.intValue() : null,
        stored.get("status") instanceof String s
            ? s
            : run.map(r -> r.tag("atelier.status")).orElse(null),
        value instanceof Number n ? n.doubleValue() : metrics.get(metric),
        run.map(RunView::params).orElse(Map.of()),
        metrics,
        steps,
        up,
        down,
        run.map(TrainedOn::of).orElse(null));
  }
}
