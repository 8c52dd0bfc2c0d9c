package dev.atelier.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * What a ReviewOperator asks of the app, which owns the review room: write the pending review down
 * (its candidates: the sweep's top-k by pick_best's objective, and the champion) when the task
 * starts, and, when its timeout passes, close it with the defaults. The database row is the
 * arbiter: an answer given just before the timeout wins, and closing returns it.
 */
@ActivityInterface
public interface ReviewActivities {
  String OPEN_REVIEW = "OpenReview";
  String CLOSE_REVIEW = "CloseReview";

  /**
   * Records the review (idempotent for a retried call: the same task try gets the same review) and
   * returns its id. Trials that are not trial outcomes, or no ranked candidate at all, are a
   * non-retryable {@code BadReview} failure.
   */
  @ActivityMethod(name = OPEN_REVIEW)
  long openReview(ReviewOpening opening);

  /**
   * Closes a review whose timeout passed: the answer already given if there is one, else {@code
   * defaults} (empty when the review has none) marked as timed out.
   */
  @ActivityMethod(name = CLOSE_REVIEW)
  ReviewAnswer closeReview(long reviewId, List<String> defaults);
}
