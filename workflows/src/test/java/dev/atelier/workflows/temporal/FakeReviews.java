package dev.atelier.workflows.temporal;

import dev.atelier.workflows.activities.ReviewActivities;
import dev.atelier.workflows.activities.ReviewAnswer;
import dev.atelier.workflows.activities.ReviewOpening;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The app's review room as the workflow sees it: openings are recorded (ids from 1), and a review
 * may be given an answer "in the database" before its timeout, which closing then returns.
 */
class FakeReviews implements ReviewActivities {
  final List<ReviewOpening> opened = new CopyOnWriteArrayList<>();
  final List<Long> closed = new CopyOnWriteArrayList<>();
  private final Map<Long, ReviewAnswer> stored = new ConcurrentHashMap<>();

  @Override
  public long openReview(ReviewOpening opening) {
    if (opening.trials() == null || opening.trials().isEmpty()) {
      // As the app refuses it: a sweep that never ran leaves nothing to review.
      throw ApplicationFailure.newNonRetryableFailure("nothing to review", "BadReview");
    }
    opened.add(opening);
    return opened.size();
  }

  @Override
  public ReviewAnswer closeReview(long reviewId, List<String> defaults) {
    closed.add(reviewId);
    ReviewAnswer given = stored.get(reviewId);
    return given != null
        ? given
        : new ReviewAnswer(
            reviewId, defaults, null, "2026-11-23T10:00:00Z", null, null, null, true);
  }

  /** An answer the app stored whose signal never arrived. */
  void storeWithoutSignal(ReviewAnswer answer) {
    stored.put(answer.reviewId(), answer);
  }
}
